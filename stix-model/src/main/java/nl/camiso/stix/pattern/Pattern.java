package nl.camiso.stix.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, valid STIX 2.1 pattern (§9): the root of the syntax tree. Get one from
 * {@link StixPatterns#parse(String)}.
 */
public record Pattern(ObservationExpression expression) {

    public Pattern {
        Objects.requireNonNull(expression, "expression == null");
    }

    /**
     * Every {@code path [NOT] operator constant} comparison in the pattern, in the order written, from
     * all observation expressions whatever operators and qualifiers join them. EXISTS tests are not
     * included (they have no constant). See {@link IndicatorObservables#blockable(Pattern)} for the
     * ones safe to put on a block list.
     */
    public List<SimpleComparison> simpleComparisons() {
        List<SimpleComparison> out = new ArrayList<>();
        collect(expression, out);
        return List.copyOf(out);
    }

    private static void collect(ObservationExpression e, List<SimpleComparison> out) {
        if (e instanceof Observation o) {
            collect(o.comparison(), out);
        } else if (e instanceof ObservationOperation op) {
            for (ObservationExpression operand : op.operands()) {
                collect(operand, out);
            }
        } else if (e instanceof QualifiedObservation q) {
            collect(q.expression(), out);
        }
    }

    private static void collect(ComparisonExpression e, List<SimpleComparison> out) {
        if (e instanceof Comparison c) {
            out.add(SimpleComparison.of(c));
        } else if (e instanceof ComparisonOperation op) {
            for (ComparisonExpression operand : op.operands()) {
                collect(operand, out);
            }
        }
    }

    /** The pattern as canonical text; parsing it again gives an equal {@code Pattern}. */
    public String toPatternString() {
        return expression.toPatternString();
    }

    @Override
    public String toString() {
        return toPatternString();
    }
}

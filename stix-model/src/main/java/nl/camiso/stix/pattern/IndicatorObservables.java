package nl.camiso.stix.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns indicator patterns into the plain values block lists take. */
public final class IndicatorObservables {

    private IndicatorObservables() {
        // No instances.
    }

    /** All simple comparisons of the pattern; same as {@link Pattern#simpleComparisons()}. */
    public static List<SimpleComparison> of(Pattern pattern) {
        return pattern.simpleComparisons();
    }

    /**
     * The values to block when the pattern is nothing but an OR of blockable equalities, else empty.
     *
     * <p>Blockable: {@code =} (not negated) or {@code IN} with string constants on
     * {@code ipv4-addr:value}, {@code ipv6-addr:value}, {@code domain-name:value}, {@code url:value},
     * {@code email-addr:value} or {@code file:hashes.<hash-algorithm-ov key>}. The pattern may join them
     * with OR inside and between observation expressions only: any AND, FOLLOWEDBY, qualifier, other
     * path or operator makes the whole pattern not blockable, because blocking one of its values would
     * block more than the indicator describes. IN sets come out as one EQUAL comparison per value.
     */
    public static Optional<List<SimpleComparison>> blockable(Pattern pattern) {
        List<SimpleComparison> out = new ArrayList<>();
        return collect(pattern.expression(), out) ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    private static boolean collect(ObservationExpression e, List<SimpleComparison> out) {
        if (e instanceof Observation o) {
            return collect(o.comparison(), out);
        }
        if (e instanceof ObservationOperation op && op.operator() == ObservationOperator.OR) {
            for (ObservationExpression operand : op.operands()) {
                if (!collect(operand, out)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean collect(ComparisonExpression e, List<SimpleComparison> out) {
        if (e instanceof ComparisonOperation op) {
            if (op.operator() != BooleanOperator.OR) {
                return false;
            }
            for (ComparisonExpression operand : op.operands()) {
                if (!collect(operand, out)) {
                    return false;
                }
            }
            return true;
        }
        if (!(e instanceof Comparison c) || c.negated() || !isBlockablePath(c.path())) {
            return false;
        }
        if (c.operator() == ComparisonOperator.EQUAL && c.value() instanceof Literal.StringLiteral) {
            out.add(SimpleComparison.of(c));
            return true;
        }
        if (c.operator() == ComparisonOperator.IN && c.value() instanceof Literal.SetLiteral set
                && !set.elements().isEmpty()) {
            for (Literal element : set.elements()) {
                if (!(element instanceof Literal.StringLiteral)) {
                    return false;
                }
                out.add(SimpleComparison.of(new Comparison(c.path(), false, ComparisonOperator.EQUAL, element)));
            }
            return true;
        }
        return false;
    }

    private static boolean isBlockablePath(ObjectPath path) {
        return path.is("ipv4-addr", "value")
                || path.is("ipv6-addr", "value")
                || path.is("domain-name", "value")
                || path.is("url", "value")
                || path.is("email-addr", "value")
                || (path.objectType().equals("file") && path.steps().size() == 2
                        && path.steps().get(0).equals(new PathStep.Property("hashes"))
                        && HashAlgorithms.ofPath(path) != null);
    }
}

package nl.camiso.stix.pattern;

/**
 * What goes between the brackets of an observation expression (§9.6): comparisons joined by AND and
 * OR (AND binds tighter), possibly parenthesised.
 */
public sealed interface ComparisonExpression permits Comparison, Exists, ComparisonOperation {

    /** This expression written as canonical pattern text. */
    default String toPatternString() {
        StringBuilder out = new StringBuilder();
        PatternWriter.write(this, out);
        return out.toString();
    }
}

package nl.camiso.stix.pattern;

/**
 * An observation expression (STIX 2.1 §9.5): a bracketed comparison expression, two observation
 * expressions joined by AND, OR or FOLLOWEDBY, or either of those with qualifiers.
 */
public sealed interface ObservationExpression
        permits Observation, ObservationOperation, QualifiedObservation {

    /** This expression written as canonical pattern text. */
    default String toPatternString() {
        StringBuilder out = new StringBuilder();
        PatternWriter.write(this, out);
        return out.toString();
    }
}

package nl.camiso.stix.pattern;

import java.util.Objects;

/** {@code [ comparison ]}: comparisons matched against one Observation (§9.5). */
public record Observation(ComparisonExpression comparison) implements ObservationExpression {

    public Observation {
        Objects.requireNonNull(comparison, "comparison == null");
    }
}

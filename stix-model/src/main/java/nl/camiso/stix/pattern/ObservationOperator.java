package nl.camiso.stix.pattern;

/** Observation operators (§9.5.2), highest precedence first (§9.5.3). */
public enum ObservationOperator {
    AND(3),
    OR(2),
    FOLLOWEDBY(1);

    private final int precedence;

    ObservationOperator(int precedence) {
        this.precedence = precedence;
    }

    /** Larger binds tighter. */
    int precedence() {
        return precedence;
    }
}

package nl.camiso.stix.pattern;

/** Boolean operators between comparison expressions (§9.6); AND binds tighter than OR. */
public enum BooleanOperator {
    AND(2),
    OR(1);

    private final int precedence;

    BooleanOperator(int precedence) {
        this.precedence = precedence;
    }

    /** Larger binds tighter. */
    int precedence() {
        return precedence;
    }
}

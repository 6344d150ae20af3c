package nl.camiso.stix.pattern;

/** Comparison and set operators (§9.6.1) that take a constant; EXISTS is {@link Exists}. */
public enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">="),
    IN("IN"),
    LIKE("LIKE"),
    MATCHES("MATCHES"),
    ISSUBSET("ISSUBSET"),
    ISSUPERSET("ISSUPERSET");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The canonical spelling in a pattern ({@code ==} and {@code <>} are read as = and !=). */
    public String symbol() {
        return symbol;
    }
}

package nl.camiso.stix.marking;

/**
 * Traffic Light Protocol levels, least to most strict. TLP 1.0 WHITE is CLEAR.
 * The declaration order is the strictness order: compare with {@link #isStricterThan}.
 */
public enum Tlp {
    CLEAR, GREEN, AMBER, AMBER_STRICT, RED;

    public boolean isStricterThan(Tlp other) {
        return compareTo(other) > 0;
    }

    public static Tlp strictest(Tlp a, Tlp b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The label as TLP 2.0 writes it: CLEAR, GREEN, AMBER, AMBER+STRICT, RED. */
    public String label() {
        return this == AMBER_STRICT ? "AMBER+STRICT" : name();
    }

    /** Parses a label, case-insensitive; WHITE means CLEAR, "AMBER+STRICT" and "AMBER_STRICT" both work. */
    public static Tlp fromLabel(String label) {
        String l = label.trim().toUpperCase(java.util.Locale.ROOT).replace("TLP:", "");
        return switch (l) {
            case "WHITE", "CLEAR" -> CLEAR;
            case "GREEN" -> GREEN;
            case "AMBER" -> AMBER;
            case "AMBER+STRICT", "AMBER_STRICT" -> AMBER_STRICT;
            case "RED" -> RED;
            default -> throw new IllegalArgumentException("unknown TLP level: " + label);
        };
    }
}

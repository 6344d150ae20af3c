package nl.camiso.server.identity;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/** Account roles beyond per-collection grants. */
public enum Role {
    /** Reads and writes every collection; manages accounts. */
    ADMIN,
    /** The supervisory board: reads the audit trail (sharing-network issue), not threat data. */
    SUPERVISOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromLabel(String label) {
        for (Role r : values()) {
            if (r.label().equalsIgnoreCase(label.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "' (allowed: admin, supervisor)");
    }
}

package nl.camiso.server.audit;

import java.time.Instant;

/**
 * One security-relevant event. Never carries a secret or object content.
 *
 * @param action        e.g. {@link #LOGIN_FAILED}
 * @param actor         the account name (claimed, for a failed login), or "-"
 * @param remoteAddress the client's address, or null when unknown
 * @param detail        a short reason, safe to show to a supervisor
 */
public record AuditEvent(Instant at, String action, String actor, String remoteAddress, String detail) {

    public static final String LOGIN_FAILED = "login.failed";
}

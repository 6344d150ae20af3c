package nl.camiso.taxii.access;

import nl.camiso.taxii.TaxiiException;

import java.util.Map;
import java.util.Objects;

/**
 * An {@link Authorizer}'s answer, and the one mapping of "no" to HTTP:
 * <ul>
 *   <li>{@link Outcome#UNAUTHENTICATED}: 401 with a {@code WWW-Authenticate} challenge, for a
 *       request without credentials where credentials would help;</li>
 *   <li>{@link Outcome#HIDDEN}: 404, the same answer as for a target that does not exist, when the
 *       requester may not even know the target exists;</li>
 *   <li>{@link Outcome#FORBIDDEN}: 403 with the reason, when the requester sees the target but may
 *       not do this to it.</li>
 * </ul>
 */
public final class Decision {

    public enum Outcome { ALLOWED, UNAUTHENTICATED, HIDDEN, FORBIDDEN }

    private static final Decision ALLOWED = new Decision(Outcome.ALLOWED, null, null);
    private static final Decision HIDDEN = new Decision(Outcome.HIDDEN, null, null);

    private final Outcome outcome;
    private final String reason;
    private final String challenge;

    private Decision(Outcome outcome, String reason, String challenge) {
        this.outcome = outcome;
        this.reason = reason;
        this.challenge = challenge;
    }

    public static Decision allowed() {
        return ALLOWED;
    }

    /** @param challenge the {@code WWW-Authenticate} value: the schemes that would help */
    public static Decision unauthenticated(String challenge, String reason) {
        return new Decision(Outcome.UNAUTHENTICATED, Objects.requireNonNull(reason), Objects.requireNonNull(challenge));
    }

    public static Decision hidden() {
        return HIDDEN;
    }

    public static Decision forbidden(String reason) {
        return new Decision(Outcome.FORBIDDEN, Objects.requireNonNull(reason), null);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** The HTTP status of a refusal: 401, 404 or 403; 200 when allowed. */
    public int status() {
        return switch (outcome) {
            case ALLOWED -> 200;
            case UNAUTHENTICATED -> 401;
            case HIDDEN -> 404;
            case FORBIDDEN -> 403;
        };
    }

    /** Why not (401 and 403); null when allowed or hidden, since a 404 must not say why. */
    public String reason() {
        return reason;
    }

    /**
     * Throws the refusal as the TAXII error to send; returns when allowed.
     *
     * @param what the target as the 404 names it ("collection", "API root"...), which must be the
     *             same words the caller uses when the target does not exist
     */
    public void require(String what) {
        if (!isAllowed()) {
            throw refusal(what);
        }
    }

    /** The TAXII error for this refusal; see {@link #require}. */
    public TaxiiException refusal(String what) {
        return switch (outcome) {
            case ALLOWED -> throw new IllegalStateException("not a refusal");
            case UNAUTHENTICATED -> new TaxiiException(401, "Unauthorized", reason, Map.of("WWW-Authenticate", challenge));
            case HIDDEN -> TaxiiException.notFound(what);
            case FORBIDDEN -> TaxiiException.forbidden(reason);
        };
    }

    @Override
    public String toString() {
        return outcome + (reason == null ? "" : " (" + reason + ")");
    }
}

package nl.camiso.server.audit;

import nl.camiso.server.identity.Principal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One security-relevant event: who did what, when, where. Never carries a secret or object
 * content (object ids only). Build one with {@link #builder(String)}:
 * <pre>{@code
 * audit.record(AuditEvent.builder(AuditEvent.RELEASE).requester(requester)
 *         .apiRoot("ndn").collection(targetId).objectIds(List.of(originalId, copyId))
 *         .detail("released from " + sourceId).build());
 * }</pre>
 *
 * @param at            when it happened (stored with microsecond precision)
 * @param action        one of the constants below, e.g. {@link #WRITE}
 * @param actor         the account name (for a failed login only that of an existing account), or "-"
 * @param organisation  the actor's organisation (short name), or null
 * @param remoteAddress the client's address, or null when unknown
 * @param apiRoot       the API root concerned, or null
 * @param collection    the collection id concerned, or null
 * @param objectIds     the object ids concerned (possibly empty, never null)
 * @param outcome       {@link #SUCCESS}, {@link #PARTIAL}, {@link #FAILURE} or {@link #DENIED}
 * @param detail        a short reason or summary, safe to show to a supervisor, or null
 */
public record AuditEvent(Instant at, String action, String actor, String organisation, String remoteAddress,
                         String apiRoot, String collection, List<String> objectIds, String outcome, String detail) {

    // actions
    public static final String WRITE = "write";
    public static final String DELETE = "delete";
    public static final String RELEASE = "release";
    public static final String CONSENT_GIVEN = "consent-given";
    public static final String CONSENT_WITHDRAWN = "consent-withdrawn";
    public static final String INGEST_REFUSED = "ingest-refused";
    public static final String SIGHTINGS_FORWARDED = "sightings-forwarded";
    public static final String LOGIN_FAILED = "login-failed";
    public static final String ACCESS_DENIED = "access-denied";
    public static final String ADMIN_CHANGE = "admin-change";

    // outcomes
    public static final String SUCCESS = "success";
    public static final String PARTIAL = "partial";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        actor = actor == null || actor.isEmpty() ? "-" : actor;
        objectIds = objectIds == null ? List.of() : List.copyOf(objectIds);
        outcome = outcome == null ? SUCCESS : outcome;
    }

    /** The short form used by the authentication filter (no collection, no objects). */
    public AuditEvent(Instant at, String action, String actor, String remoteAddress, String detail) {
        this(at, action, actor, null, remoteAddress, null, null, List.of(),
                LOGIN_FAILED.equals(action) || ACCESS_DENIED.equals(action) ? DENIED : SUCCESS, detail);
    }

    public static Builder builder(String action) {
        return new Builder(action);
    }

    /** Fills in the fields one by one; {@code at} defaults to now, outcome to {@link #SUCCESS}. */
    public static final class Builder {
        private Instant at = Instant.now();
        private final String action;
        private String actor = "-";
        private String organisation;
        private String remoteAddress;
        private String apiRoot;
        private String collection;
        private final List<String> objectIds = new ArrayList<>();
        private String outcome = SUCCESS;
        private String detail;

        private Builder(String action) {
            this.action = Objects.requireNonNull(action);
        }

        public Builder at(Instant v) {
            at = v;
            return this;
        }

        /** Actor and organisation from the principal of the current request. */
        public Builder requester(Principal p) {
            if (p != null) {
                actor = p.name();
                organisation = p.organisation();
            }
            return this;
        }

        public Builder actor(String name, String organisation) {
            this.actor = name;
            this.organisation = organisation;
            return this;
        }

        public Builder remoteAddress(String v) {
            remoteAddress = v;
            return this;
        }

        public Builder apiRoot(String v) {
            apiRoot = v;
            return this;
        }

        public Builder collection(String v) {
            collection = v;
            return this;
        }

        public Builder objectIds(List<String> ids) {
            objectIds.addAll(ids);
            return this;
        }

        public Builder objectId(String id) {
            objectIds.add(id);
            return this;
        }

        public Builder outcome(String v) {
            outcome = v;
            return this;
        }

        public Builder detail(String v) {
            detail = v;
            return this;
        }

        /** Without an explicit remote address, the current request's (if any) is used. */
        public AuditEvent build() {
            String address = remoteAddress;
            if (address == null) {
                AuditContext ctx = AuditContext.current();
                address = ctx == null ? null : ctx.remoteAddress();
            }
            return new AuditEvent(at, action, actor, organisation, address, apiRoot, collection, objectIds,
                    outcome, detail);
        }
    }
}

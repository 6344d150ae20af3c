package nl.camiso.server.audit;

import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.Referrer;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;
import nl.camiso.taxii.spi.WaitingObject;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Wraps the object store and records every successful write and delete: one
 * {@link AuditEvent#WRITE} entry per POSTed envelope with the ids stored, plus one
 * {@link AuditEvent#INGEST_REFUSED} entry with the ids and reasons of the objects refused (if
 * any). Never one entry per object, so a large envelope costs two appends at most. Recorded
 * after the store's own transaction commits: an audit failure then fails the request (500), and
 * the client's retry is harmless (an object already stored counts as a success).
 */
public final class AuditingObjectStore implements ObjectStore {

    /** Reasons beyond this length are cut in the refusal entry (the status resource has them all). */
    private static final int MAX_REASONS = 3000;
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    /** What a quoted property name looks like: STIX property names are lower case with underscores. */
    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z_]{1,64}");

    private final ObjectStore delegate;
    private final Catalog catalog;
    private final AuditSink audit;
    private final CommitGroup commits;

    public AuditingObjectStore(ObjectStore delegate, Catalog catalog, AuditSink audit) {
        this(delegate, catalog, audit, CommitGroup.EACH);
    }

    /** @param commits makes the envelope's transaction and its audit entries durable with one wait, after the last */
    public AuditingObjectStore(ObjectStore delegate, Catalog catalog, AuditSink audit, CommitGroup commits) {
        this.delegate = delegate;
        this.catalog = catalog;
        this.audit = audit;
        this.commits = commits;
    }

    @Override
    public StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                            int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused) {
        return add(apiRoot, collectionId, owner, requestTimestampMicros, totalCount, accepted, refused, List.of());
    }

    @Override
    public StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                            int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused,
                            List<WaitingObject> waiting) {
        return commits.together(() -> addAndAudit(apiRoot, collectionId, owner, requestTimestampMicros, totalCount,
                accepted, refused, waiting));
    }

    private StatusRecord addAndAudit(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                                     int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused,
                                     List<WaitingObject> waiting) {
        StatusRecord status = delegate.add(apiRoot, collectionId, owner, requestTimestampMicros, totalCount,
                accepted, refused, waiting);
        String summary = "status " + status.id() + ": " + status.successCount() + " stored, "
                + status.failureCount() + " refused, " + status.pendingCount() + " pending of " + totalCount;
        if (status.successCount() > 0 || status.failureCount() == 0) {
            audit.record(event(AuditEvent.WRITE, owner).apiRoot(apiRoot).collection(collectionId)
                    .objectIds(status.successes().stream().map(StatusDetail::id).toList())
                    .outcome(status.failureCount() == 0 ? AuditEvent.SUCCESS : AuditEvent.PARTIAL)
                    .detail(summary).build());
        }
        if (status.failureCount() > 0) {
            String reasons = status.failures().stream()
                    .map(f -> f.id() + ": " + (f.message() == null ? "refused" : withoutQuotedValues(f.message())))
                    .collect(Collectors.joining("; "));
            audit.record(event(AuditEvent.INGEST_REFUSED, owner).apiRoot(apiRoot).collection(collectionId)
                    .objectIds(status.failures().stream().map(StatusDetail::id).map(String::valueOf).toList())
                    .outcome(AuditEvent.FAILURE)
                    .detail(summary + "; " + (reasons.length() > MAX_REASONS
                            ? reasons.substring(0, MAX_REASONS) + "..." : reasons))
                    .build());
        }
        return status;
    }

    /**
     * A refusal reason without the values it quotes from the object (an address, a URL, a
     * timestamp...), which is content meant for the collection's readers only: the supervisors who
     * read the trail are not among them. Quoted property names stay; the poster's status resource
     * keeps the full reason.
     */
    public static String withoutQuotedValues(String reason) {
        Matcher m = QUOTED.matcher(reason);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, PROPERTY_NAME.matcher(m.group(1)).matches()
                    ? Matcher.quoteReplacement(m.group()) : "'...'");
        }
        return m.appendTail(out).toString();
    }

    @Override
    public int delete(String collectionId, String objectId, VersionMatch versions, List<String> specVersions) {
        return commits.together(() -> deleteAndAudit(collectionId, objectId, versions, specVersions));
    }

    private int deleteAndAudit(String collectionId, String objectId, VersionMatch versions, List<String> specVersions) {
        int removed = delegate.delete(collectionId, objectId, versions, specVersions);
        if (removed > 0) {
            AuditContext context = AuditContext.current();
            audit.record(AuditEvent.builder(AuditEvent.DELETE)
                    .requester(context == null ? null : context.requester())
                    .apiRoot(apiRootOf(collectionId)).collection(collectionId).objectId(objectId)
                    .detail(removed + (removed == 1 ? " version" : " versions") + " removed")
                    .build());
        }
        return removed;
    }

    /** The requester of this request as actor (with organisation) when it is who posted, else the owner's name. */
    private static AuditEvent.Builder event(String action, String owner) {
        AuditContext context = AuditContext.current();
        Principal requester = context == null ? null : context.requester();
        AuditEvent.Builder b = AuditEvent.builder(action);
        return requester != null && requester.name().equals(owner) ? b.requester(requester) : b.actor(owner, null);
    }

    private String apiRootOf(String collectionId) {
        return catalog.apiRoots().stream()
                .filter(r -> catalog.collections(r.name()).stream().anyMatch(c -> c.id().equals(collectionId)))
                .map(r -> r.name()).findFirst().orElse(null);
    }

    @Override
    public Page<StoredVersion> find(String collectionId, ObjectQuery query) {
        return delegate.find(collectionId, query);
    }

    @Override
    public boolean contains(String collectionId, String objectId) {
        return delegate.contains(collectionId, objectId);
    }

    @Override
    public List<String> holders(Collection<String> collectionIds, String objectId) {
        return delegate.holders(collectionIds, objectId);
    }

    @Override
    public List<Referrer> referrers(Collection<String> collectionIds, String targetId, Set<String> types) {
        return delegate.referrers(collectionIds, targetId, types);
    }

    @Override
    public java.util.Map<String, List<Referrer>> referrersOfEach(Collection<String> collectionIds,
                                                                Collection<String> targetIds, Set<String> types) {
        return delegate.referrersOfEach(collectionIds, targetIds, types);
    }

    @Override
    public Optional<StatusRecord> status(String apiRoot, String statusId) {
        return delegate.status(apiRoot, statusId);
    }

    @Override
    public long lastChange(String collectionId) {
        return delegate.lastChange(collectionId);
    }
}

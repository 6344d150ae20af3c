package nl.camiso.server.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.audit.AuditSink;
import nl.camiso.server.audit.AuditingObjectStore;
import nl.camiso.server.audit.CommitGroup;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.resources.EnvelopeIntake;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.IngestPolicy;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.WaitingObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lets objects that wait for marking definitions go (INGEST.md, "Marking definitions that have not
 * arrived yet"). One scheduled thread judges each status's waiting objects again, as one envelope,
 * with the same ingest policy and as the account that posted them (so a definition counts only
 * where that account may read it): after a marking definition was stored, every few seconds for
 * definitions stored by other servers on the same database, and at start for what waited before a
 * restart. What the policy now accepts is stored, what it refuses fails with the reason, and what
 * still waits past the timeout fails with the reason it waited; the status is rewritten with them
 * in the same transaction.
 */
public final class PendingMarkings implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PendingMarkings.class);
    /** Every status is judged again at least this often, for definitions another server stored. */
    private static final long FULL_PASS_MICROS = 10_000_000L;

    private final PendingObjects pending;
    private final StixValidator validator;
    private final IngestPolicy ingest;
    private final AccessPolicy access;
    private final Catalog catalog;
    private final Function<String, Optional<? extends Requester>> posters;
    private final AuditSink audit;
    private final CommitGroup commits;
    private final Duration timeout;
    private final AtomicBoolean woken = new AtomicBoolean(true);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "camiso-pending-markings");
        t.setDaemon(true);
        return t;
    });
    private long lastFullPass;

    /**
     * @param posters the account behind a status owner's name as it is now (empty: deleted)
     * @param timeout how long an object waits before it fails
     */
    public PendingMarkings(PendingObjects pending, StixValidator validator, IngestPolicy ingest, AccessPolicy access,
                           Catalog catalog, Function<String, Optional<? extends Requester>> posters, AuditSink audit,
                           CommitGroup commits, Duration timeout) {
        this.pending = pending;
        this.validator = validator;
        this.ingest = ingest;
        this.access = access;
        this.catalog = catalog;
        this.posters = posters;
        this.audit = audit;
        this.commits = commits;
        this.timeout = timeout;
        pending.onMarkingDefinitionStored(this::wake);
    }

    /** Starts the thread: at once (what waited before a restart), then at a fraction of the timeout. */
    public PendingMarkings start() {
        long tick = Math.max(100, Math.min(2_000, timeout.toMillis() / 4));
        thread.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A marking definition was stored: judge the waiting objects again soon. */
    public void wake() {
        woken.set(true);
        try {
            thread.execute(this::tick);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void tick() {
        try {
            long now = nowMicros();
            boolean all = woken.getAndSet(false) || now - lastFullPass >= FULL_PASS_MICROS;
            if (all) {
                lastFullPass = now;
            }
            runOnce(all, now);
        } catch (RuntimeException e) {
            // the next tick tries again; the objects wait durably meanwhile
            LOG.warn("Judging objects that wait for marking definitions failed; trying again: {}", e.toString());
        }
    }

    /**
     * One pass: every status with waiting objects when {@code all}, else only those with an object
     * past the timeout.
     */
    void runOnce(boolean all, long nowMicros) {
        long timeoutMicros = timeout.toNanos() / 1_000;
        for (Map.Entry<String, Long> e : pending.statusesWaiting().entrySet()) {
            if (all || e.getValue() + timeoutMicros <= nowMicros) {
                pending.group(e.getKey()).ifPresent(g -> settle(g, nowMicros, timeoutMicros));
            }
        }
    }

    private void settle(PendingObjects.Group group, long nowMicros, long timeoutMicros) {
        boolean expired = group.objects().stream().anyMatch(w -> w.sinceMicros() + timeoutMicros <= nowMicros);
        if (!expired) {
            java.util.Set<String> awaited = new java.util.HashSet<>();
            group.objects().forEach(w -> awaited.addAll(w.awaiting()));
            if (pending.storedAnywhere(awaited).isEmpty()) {
                return; // none of its definitions is stored anywhere yet: judging again cannot change anything
            }
        }
        Map<Integer, IncomingObject> store = new HashMap<>();
        Map<Integer, String> fail = new HashMap<>();
        Optional<CollectionInfo> collection = catalog.collections(group.apiRoot()).stream()
                .filter(c -> c.id().equals(group.collectionId())).findFirst();
        Optional<? extends Requester> poster = group.owner() == null ? Optional.empty() : posters.apply(group.owner());
        String gone = collection.isEmpty() ? "collection " + group.collectionId() + " no longer exists"
                : poster.isEmpty() ? "the account that posted it no longer exists"
                : !access.canWrite(poster.get(), collection.get()) ? "the account that posted it may no longer write"
                + " collection " + IngestRules.name(collection.get()) : null;
        if (gone != null) {
            group.objects().forEach(w -> fail.put(w.seq(), gone));
        } else {
            judge(group, poster.get(), collection.get(), nowMicros, timeoutMicros, store, fail);
        }
        if (store.isEmpty() && fail.isEmpty()) {
            return;
        }
        commits.together(() -> {
            StatusRecord after = pending.settle(group, store, fail);
            record(group, after, store, fail);
            return after;
        });
    }

    /** The waiting objects of one status judged again, as one envelope, as their poster. */
    private void judge(PendingObjects.Group group, Requester poster, CollectionInfo collection, long nowMicros,
                       long timeoutMicros, Map<Integer, IncomingObject> store, Map<Integer, String> fail) {
        ObjectNode envelope = StixJson.mapper().createObjectNode();
        ArrayNode objects = envelope.putArray("objects");
        Map<String, PendingObjects.Waiting> byKey = new HashMap<>();
        for (PendingObjects.Waiting w : group.objects()) {
            try {
                objects.add(StixJson.parse(w.json()));
            } catch (IOException e) {
                fail.put(w.seq(), "the server could not read the object back");
                continue;
            }
            byKey.put(w.objectId() + '\n' + w.version(), w);
        }
        EnvelopeIntake intake = EnvelopeIntake.of(envelope, validator, ingest, poster, collection);
        for (IncomingObject in : intake.accepted()) {
            PendingObjects.Waiting w = byKey.get(key(in.object().id(), in.object().versionText()));
            if (w != null) {
                store.put(w.seq(), in);
            }
        }
        for (StatusDetail d : intake.refused()) {
            PendingObjects.Waiting w = byKey.get(key(d.id(), d.version()));
            if (w != null) {
                fail.put(w.seq(), d.message());
            }
        }
        for (WaitingObject still : intake.waiting()) {
            PendingObjects.Waiting w = byKey.get(key(still.object().object().id(), still.object().object().versionText()));
            if (w != null && w.sinceMicros() + timeoutMicros <= nowMicros) {
                fail.put(w.seq(), "marking " + String.join(", ", new java.util.TreeSet<>(still.verdict().awaiting()))
                        + " is not an official TLP marking and its definition did not arrive in a collection you may"
                        + " read within " + IngestRules.durationText(timeout) + " of the post; the server cannot tell how far the object may"
                        + " travel (send the marking definition with the object, or use a TLP marking)");
            }
        }
    }

    private static String key(String id, String version) {
        return id + '\n' + (version == null ? "" : version);
    }

    /** The audit entries of what was settled, as for a POST: the ids stored, and the ids and reasons refused. */
    private void record(PendingObjects.Group group, StatusRecord after, Map<Integer, IncomingObject> store,
                        Map<Integer, String> fail) {
        String summary = "status " + after.id() + " (objects that waited for marking definitions): " + store.size()
                + " stored, " + fail.size() + " refused, " + after.pendingCount() + " still pending";
        if (!store.isEmpty()) {
            audit.record(AuditEvent.builder(AuditEvent.WRITE).actor(group.owner(), null).apiRoot(group.apiRoot())
                    .collection(group.collectionId())
                    .objectIds(store.values().stream().map(in -> in.object().id()).toList())
                    .outcome(fail.isEmpty() ? AuditEvent.SUCCESS : AuditEvent.PARTIAL).detail(summary).build());
        }
        if (!fail.isEmpty()) {
            Map<Integer, String> ids = new HashMap<>();
            group.objects().forEach(w -> ids.put(w.seq(), w.objectId()));
            String reasons = fail.entrySet().stream()
                    .map(e -> ids.get(e.getKey()) + ": " + AuditingObjectStore.withoutQuotedValues(e.getValue()))
                    .collect(Collectors.joining("; "));
            audit.record(AuditEvent.builder(AuditEvent.INGEST_REFUSED).actor(group.owner(), null)
                    .apiRoot(group.apiRoot()).collection(group.collectionId())
                    .objectIds(fail.keySet().stream().map(ids::get).toList()).outcome(AuditEvent.FAILURE)
                    .detail(summary + "; " + (reasons.length() > 3000 ? reasons.substring(0, 3000) + "..." : reasons))
                    .build());
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Stops the thread; what still waits stays in the database for the next start. */
    @Override
    public void close() {
        thread.shutdown(); // a pass under way finishes (its transaction commits or not as a whole)
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

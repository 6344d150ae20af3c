package nl.camiso.server.ingest;

import nl.camiso.stix.StixTimestamp;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A small in-memory {@link ObjectStore} for these tests (the storage helper's database store may
 * not be in this branch yet): unique increasing date_added, id/type/added_after/cursor filters,
 * latest or all versions, keyset paging; success messages kept as the SPI asks.
 */
final class InMemoryStore implements ObjectStore {

    private final Map<String, List<StoredVersion>> rows = new HashMap<>();
    private final Map<String, StatusRecord> statuses = new HashMap<>();
    private long lastAdded;

    @Override
    public synchronized Page<StoredVersion> find(String collectionId, ObjectQuery q) {
        List<StoredVersion> all = rows.getOrDefault(collectionId, List.of()).stream()
                .filter(v -> q.objectId() == null || v.objectId().equals(q.objectId()))
                .filter(v -> q.ids().isEmpty() || q.ids().contains(v.objectId()))
                .filter(v -> q.types().isEmpty() || q.types().contains(v.type()))
                .toList();
        if (!q.versions().all()) {
            Map<String, StoredVersion> latest = new HashMap<>();
            for (StoredVersion v : all) {
                latest.merge(v.objectId(), v, (a, b) ->
                        StixTimestamp.parse(a.version()).compareTo(StixTimestamp.parse(b.version())) >= 0 ? a : b);
            }
            all = all.stream().filter(v -> latest.get(v.objectId()) == v).toList();
        }
        List<StoredVersion> matching = all.stream()
                .filter(v -> q.addedAfterMicros() == null || v.dateAddedMicros() > q.addedAfterMicros())
                .filter(v -> q.afterCursorMicros() == null || v.dateAddedMicros() > q.afterCursorMicros())
                .sorted(Comparator.comparingLong(StoredVersion::dateAddedMicros))
                .toList();
        return new Page<>(matching.subList(0, Math.min(q.limit(), matching.size())), matching.size() > q.limit());
    }

    @Override
    public synchronized boolean contains(String collectionId, String objectId) {
        return rows.getOrDefault(collectionId, List.of()).stream().anyMatch(v -> v.objectId().equals(objectId));
    }

    @Override
    public synchronized StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                                         int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused) {
        List<StoredVersion> list = rows.computeIfAbsent(collectionId, k -> new ArrayList<>());
        List<StatusDetail> successes = new ArrayList<>();
        for (IncomingObject in : accepted) {
            String id = in.object().id();
            String version = in.object().versionText() == null ? "1970-01-01T00:00:00.000Z" : in.object().versionText();
            if (list.stream().noneMatch(v -> v.objectId().equals(id) && v.version().equals(version))) {
                lastAdded = Math.max(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()), lastAdded + 1);
                list.add(new StoredVersion(id, in.object().type(), version, "2.1", lastAdded,
                        "application/stix+json;version=2.1", in.json()));
            }
            successes.add(new StatusDetail(id, version, in.message()));
        }
        StatusRecord s = new StatusRecord(UUID.randomUUID().toString(), apiRoot, collectionId, owner, "complete",
                requestTimestampMicros, totalCount, successes, refused, List.of());
        statuses.put(s.id(), s);
        return s;
    }

    @Override
    public synchronized int delete(String collectionId, String objectId, VersionMatch versions, List<String> specVersions) {
        throw new UnsupportedOperationException("not needed here");
    }

    @Override
    public synchronized Optional<StatusRecord> status(String apiRoot, String statusId) {
        return Optional.ofNullable(statuses.get(statusId)).filter(s -> s.apiRoot().equals(apiRoot));
    }
}

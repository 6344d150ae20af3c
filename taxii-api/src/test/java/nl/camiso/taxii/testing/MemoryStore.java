package nl.camiso.taxii.testing;

import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;
import nl.camiso.taxii.query.TaxiiTimestamps;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.IndexedReferences;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.Referrer;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Test double of the store with the SPI's semantics: unique, strictly increasing date_added per
 * collection; match filters; latest spec version by default; first/last by version timestamp
 * over all of an object's versions; keyset paging strictly after the cursor.
 */
public final class MemoryStore implements ObjectStore {

    private final Map<String, List<StoredVersion>> rows = new HashMap<>();
    private final Map<String, Long> lastAdded = new HashMap<>();
    private final Map<String, StatusRecord> statuses = new HashMap<>();
    /** Collections whose queries fail, to exercise the 500 path. */
    public final java.util.Set<String> broken = new java.util.HashSet<>();

    @Override
    public synchronized Page<StoredVersion> find(String collectionId, ObjectQuery q) {
        if (broken.contains(collectionId)) {
            throw new IllegalStateException("database password is hunter2");
        }
        List<StoredVersion> matching = select(collectionId, q.objectId(), q.ids(), q.types(), q.versions(),
                q.specVersions());
        List<StoredVersion> page = matching.stream()
                .filter(v -> q.addedAfterMicros() == null || v.dateAddedMicros() > q.addedAfterMicros())
                .filter(v -> q.afterCursorMicros() == null || v.dateAddedMicros() > q.afterCursorMicros())
                .sorted(Comparator.comparingLong(StoredVersion::dateAddedMicros))
                .toList();
        boolean more = page.size() > q.limit();
        List<StoredVersion> items = page.subList(0, Math.min(q.limit(), page.size())).stream()
                .map(v -> q.includeJson() ? v : new StoredVersion(v.objectId(), v.type(), v.version(),
                        v.specVersion(), v.dateAddedMicros(), v.mediaType(), null))
                .toList();
        return new Page<>(items, more);
    }

    private List<StoredVersion> select(String collectionId, String objectId, List<String> ids, List<String> types,
                                       VersionMatch versions, List<String> specVersions) {
        List<StoredVersion> all = rows.getOrDefault(collectionId, List.of()).stream()
                .filter(v -> objectId == null || v.objectId().equals(objectId))
                .filter(v -> ids.isEmpty() || ids.contains(v.objectId()))
                .filter(v -> types.isEmpty() || types.contains(v.type()))
                .toList();
        if (specVersions.isEmpty()) {
            Map<String, String> latest = all.stream().collect(Collectors.toMap(StoredVersion::objectId,
                    StoredVersion::specVersion, (a, b) -> compareSpec(a, b) >= 0 ? a : b));
            all = all.stream().filter(v -> v.specVersion().equals(latest.get(v.objectId()))).toList();
        } else {
            all = all.stream().filter(v -> specVersions.contains(v.specVersion())).toList();
        }
        if (versions.all()) {
            return all;
        }
        Map<String, List<StoredVersion>> byId = all.stream().collect(Collectors.groupingBy(StoredVersion::objectId));
        Comparator<StoredVersion> byVersion = Comparator.comparing(v -> StixTimestamp.parse(v.version()));
        List<StoredVersion> out = new ArrayList<>();
        for (List<StoredVersion> group : byId.values()) {
            StoredVersion first = group.stream().min(byVersion).orElseThrow();
            StoredVersion last = group.stream().max(byVersion).orElseThrow();
            for (StoredVersion v : group) {
                if ((versions.first() && v == first) || (versions.last() && v == last)
                        || versions.exact().stream().anyMatch(x -> x.equals(v.version()) || sameInstant(x, v.version()))) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** Versions are compared by instant: {@code ...01.1Z} and {@code ...01.100Z} are the same version. */
    private static boolean sameInstant(String a, String b) {
        try {
            return StixTimestamp.parse(a).epochMicros() == StixTimestamp.parse(b).epochMicros();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int compareSpec(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    @Override
    public synchronized boolean contains(String collectionId, String objectId) {
        return rows.getOrDefault(collectionId, List.of()).stream().anyMatch(v -> v.objectId().equals(objectId));
    }

    @Override
    public synchronized List<String> holders(Collection<String> collectionIds, String objectId) {
        return collectionIds.stream().distinct().filter(c -> contains(c, objectId)).toList();
    }

    @Override
    public synchronized List<Referrer> referrers(Collection<String> collectionIds, String targetId, Set<String> types) {
        List<Referrer> out = new ArrayList<>();
        for (String c : new TreeSet<>(collectionIds)) {
            Map<String, String> referring = new TreeMap<>(); // object id -> type, each once
            for (StoredVersion v : rows.getOrDefault(c, List.of())) {
                boolean indexed = IndexedReferences.PROPERTIES.containsKey(v.type());
                if (indexed && (types.isEmpty() || types.contains(v.type()))
                        && IndexedReferences.targets(parse(v.json())).contains(targetId)) {
                    referring.put(v.objectId(), v.type());
                }
            }
            referring.forEach((id, type) -> out.add(new Referrer(c, id, type)));
        }
        return out;
    }

    private static StixObject parse(byte[] json) {
        try {
            return StixObject.of(StixJson.parse(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                                         int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused) {
        List<StoredVersion> list = rows.computeIfAbsent(collectionId, k -> new ArrayList<>());
        List<StatusDetail> successes = new ArrayList<>();
        for (IncomingObject in : accepted) {
            String id = in.object().id();
            String version = in.object().versionText();
            if (version == null) {
                // unversioned: the first date_added of this id, consistently
                version = list.stream().filter(v -> v.objectId().equals(id)).map(StoredVersion::version)
                        .findFirst().orElse(null);
            }
            String v = version;
            Optional<StoredVersion> stored = v == null ? Optional.empty()
                    : list.stream().filter(s -> s.objectId().equals(id) && sameInstant(s.version(), v)).findFirst();
            if (stored.isPresent()) {
                successes.add(new StatusDetail(id, stored.get().version(), ALREADY_PRESENT));
                continue;
            }
            long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            long added = Math.max(now, lastAdded.getOrDefault(collectionId, 0L) + 1);
            lastAdded.put(collectionId, added);
            if (v == null) {
                version = TaxiiTimestamps.format(added);
            }
            String spec = in.object().specVersion() == null ? "2.0" : in.object().specVersion();
            list.add(new StoredVersion(id, in.object().type(), version, spec, added,
                    "application/stix+json;version=" + spec, in.json()));
            successes.add(new StatusDetail(id, version, in.message()));
        }
        StatusRecord s = new StatusRecord(UUID.randomUUID().toString(), apiRoot, collectionId, owner, "complete",
                requestTimestampMicros, totalCount, successes, refused, List.of());
        statuses.put(s.id(), s);
        return s;
    }

    @Override
    public synchronized int delete(String collectionId, String objectId, VersionMatch versions,
                                   List<String> specVersions) {
        List<StoredVersion> doomed = select(collectionId, objectId, List.of(), List.of(), versions, specVersions);
        rows.getOrDefault(collectionId, new ArrayList<>()).removeIf(doomed::contains);
        return doomed.size();
    }

    @Override
    public synchronized Optional<StatusRecord> status(String apiRoot, String statusId) {
        return Optional.ofNullable(statuses.get(statusId)).filter(s -> s.apiRoot().equals(apiRoot));
    }

    public synchronized void clear() {
        rows.clear();
        lastAdded.clear();
        statuses.clear();
        broken.clear();
    }

    public synchronized int size(String collectionId) {
        return rows.getOrDefault(collectionId, List.of()).size();
    }
}

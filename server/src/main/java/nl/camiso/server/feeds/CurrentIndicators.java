package nl.camiso.server.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.stix.marking.TlpMarkings;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the indicators of one collection that a feed may use: the latest version of each, STIX
 * patterns only, not revoked, and valid now ({@code valid_from} reached, {@code valid_until} not).
 */
final class CurrentIndicators {

    private static final int PAGE = 1000;

    /**
     * The current indicators and the validity boundaries ({@code valid_from}, {@code valid_until})
     * of the latest non-revoked indicator versions, in epoch microseconds: the latest one already
     * passed (0 if none) and those still ahead, ascending. A feed changes when a boundary passes,
     * without any write, so its validator counts the passed ones ({@link FeedBoundaries}).
     */
    record Snapshot(List<Feed.Indicator> indicators, long passedBoundaryMicros, long[] futureBoundaries) {
    }

    private CurrentIndicators() {
    }

    static Snapshot snapshot(ObjectStore store, String collectionId, Instant now) {
        List<Feed.Indicator> out = new ArrayList<>();
        long passed = 0;
        long nowMicros = micros(now);
        java.util.TreeSet<Long> future = new java.util.TreeSet<>();
        Long after = null;
        while (true) {
            Page<StoredVersion> page = store.find(collectionId, new ObjectQuery(null, null, after, PAGE,
                    List.of(), List.of("indicator"), VersionMatch.LAST, List.of(), true));
            for (StoredVersion v : page.items()) {
                StixObject o = parse(v).orElse(null);
                if (o == null) {
                    continue;
                }
                if (!o.revoked()) {
                    for (Optional<StixTimestamp> t : List.of(o.validFrom(), o.validUntil())) {
                        if (t.isPresent()) {
                            long at = micros(t.get().toInstant());
                            if (at <= nowMicros) {
                                passed = Math.max(passed, at);
                            } else {
                                future.add(at);
                            }
                        }
                    }
                }
                current(o, v.json(), now).ifPresent(out::add);
            }
            if (!page.more() || page.items().isEmpty()) {
                return new Snapshot(out, passed, future.stream().mapToLong(Long::longValue).toArray());
            }
            after = page.items().get(page.items().size() - 1).dateAddedMicros();
        }
    }

    private static Optional<StixObject> parse(StoredVersion v) {
        try {
            return Optional.of(StixObject.of(StixJson.parse(v.json())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // stored objects are validated on the way in; skip rather than fail a feed
        }
    }

    static long micros(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
    }

    private static Optional<Feed.Indicator> current(StixObject o, byte[] json, Instant now) {
        if (o.revoked() || !"stix".equals(o.patternType()) || o.pattern() == null) {
            return Optional.empty();
        }
        if (o.validFrom().map(f -> f.toInstant().isAfter(now)).orElse(false)
                || o.validUntil().map(u -> !u.toInstant().isAfter(now)).orElse(false)) {
            return Optional.empty();
        }
        JsonNode c = o.json().get("confidence");
        Integer confidence = c != null && c.isInt() ? c.intValue() : null;
        Instant modified = o.modified().or(o::created).map(StixTimestamp::toInstant).orElse(Instant.EPOCH);
        Instant created = o.created().map(StixTimestamp::toInstant).orElse(modified);
        Tlp tlp = null;
        for (String ref : o.stringList("object_marking_refs")) {
            Tlp level = TlpMarkings.levelOf(ref).orElse(null);
            tlp = level == null ? tlp : tlp == null ? level : Tlp.strictest(tlp, level);
        }
        return Optional.of(new Feed.Indicator(o.id(), o.pattern(), confidence, modified, o.text("name"),
                o.text("valid_from"), o.text("valid_until"), tlp == null ? null : tlp.label(), created, json));
    }
}

package nl.camiso.server.feeds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import nl.camiso.stix.StixJson;
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
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the indicators of one collection that a feed may use: the latest version of each, STIX
 * patterns only, not revoked, and valid now ({@code valid_from} reached, {@code valid_until} not).
 * The store is read page by page and each stored version is read with a streaming JSON parser for
 * the few top-level properties a feed needs, so that a feed can be written while it is read and a
 * million indicators never need to be in memory at once.
 */
final class CurrentIndicators {

    private static final int PAGE = 1000;
    private static final JsonFactory JSON = StixJson.mapper().getFactory();

    /**
     * The validity boundaries of what a read saw ({@code valid_from}, {@code valid_until} of the
     * latest non-revoked versions, epoch microseconds: the latest passed, 0 if none, and those ahead,
     * ascending; a feed changes when one passes, see {@link FeedBoundaries}) and the {@code date_added}
     * of the last version it read ({@code cursor}, null when it read none), from which a later read
     * can go on: a collection's versions are added in {@code date_added} order (one writer at a time).
     */
    record Boundaries(long passedMicros, long[] futureMicros, Long cursor) {
        static final Boundaries NONE = new Boundaries(0, new long[0], null);

        /** These and those of a read that went on from this one's cursor. */
        Boundaries and(Boundaries later) {
            long[] future = Arrays.copyOf(futureMicros, futureMicros.length + later.futureMicros.length);
            System.arraycopy(later.futureMicros, 0, future, futureMicros.length, later.futureMicros.length);
            Arrays.sort(future);
            return new Boundaries(Math.max(passedMicros, later.passedMicros), future,
                    later.cursor != null ? later.cursor : cursor);
        }

        /** As they stand at {@code nowMicros}: the ones reached since are passed. */
        Boundaries at(long nowMicros) {
            int i = Arrays.binarySearch(futureMicros, nowMicros);
            int reached = i >= 0 ? i + 1 : -i - 1;
            long passed = reached > 0 ? Math.max(passedMicros, futureMicros[reached - 1]) : passedMicros;
            return new Boundaries(passed, Arrays.copyOfRange(futureMicros, reached, futureMicros.length), cursor);
        }
    }

    private CurrentIndicators() {
    }

    /**
     * Reads the collection's latest indicator versions added after {@code after} (all when null),
     * page by page, giving each current one to {@code each}; returns the boundaries of all read.
     *
     * @param each null to read the boundaries only
     */
    static Boundaries read(ObjectStore store, String collectionId, Instant now, Long after, boolean withJson,
                           Consumer<Feed.Indicator> each) {
        long passed = 0;
        long nowMicros = micros(now);
        long[] future = new long[16];
        int futureCount = 0;
        Long cursor = after;
        while (true) {
            Page<StoredVersion> page = store.find(collectionId, new ObjectQuery(null, after, cursor, PAGE,
                    List.of(), List.of("indicator"), VersionMatch.LAST, List.of(), true));
            for (StoredVersion v : page.items()) {
                Fields f = Fields.of(v.json());
                if (f == null) {
                    continue; // stored objects are validated on the way in; skip rather than fail a feed
                }
                if (!f.revoked) {
                    for (Instant t : new Instant[]{f.validFrom, f.validUntil}) {
                        if (t != null) {
                            long at = micros(t);
                            if (at <= nowMicros) {
                                passed = Math.max(passed, at);
                            } else {
                                if (futureCount == future.length) {
                                    future = Arrays.copyOf(future, futureCount * 2);
                                }
                                future[futureCount++] = at;
                            }
                        }
                    }
                }
                if (each != null && f.isCurrent(now)) {
                    each.accept(f.indicator(withJson ? v.json() : null));
                }
            }
            if (!page.items().isEmpty()) {
                cursor = page.items().get(page.items().size() - 1).dateAddedMicros();
            }
            if (!page.more() || page.items().isEmpty()) {
                long[] sorted = Arrays.stream(future, 0, futureCount).sorted().distinct().toArray();
                return new Boundaries(passed, sorted, cursor);
            }
        }
    }

    /**
     * Reads the current indicators of several collections (a feed set), each indicator once: from
     * the collection whose current version of it is the newest (the first in the given order at
     * equal {@code modified}). Collection after collection, page by page as {@link #read}; each page's
     * ids are looked up in the other collections (one query each), so memory holds a page.
     */
    static void readSet(ObjectStore store, List<String> collectionIds, Instant now, boolean withJson,
                        Consumer<Feed.Indicator> each) {
        if (collectionIds.size() == 1) {
            read(store, collectionIds.get(0), now, null, withJson, each);
            return;
        }
        for (int k = 0; k < collectionIds.size(); k++) {
            int reading = k;
            List<Feed.Indicator> page = new ArrayList<>(PAGE);
            Runnable decide = () -> {
                List<String> ids = page.stream().map(Feed.Indicator::id).toList();
                java.util.Map<String, Instant> newestElsewhere = new java.util.HashMap<>();
                java.util.Set<String> tiedEarlier = new java.util.HashSet<>();
                for (int j = 0; j < collectionIds.size(); j++) {
                    if (j == reading) {
                        continue;
                    }
                    int other = j;
                    currentVersions(store, collectionIds.get(j), ids, now, (id, modified) -> {
                        newestElsewhere.merge(id, modified, (a, b) -> a.isAfter(b) ? a : b);
                        if (other < reading) {
                            tiedEarlier.add(id + " " + modified);
                        }
                    });
                }
                for (Feed.Indicator i : page) {
                    Instant elsewhere = newestElsewhere.get(i.id());
                    if (elsewhere == null || (i.modified().isAfter(elsewhere)
                            || (i.modified().equals(elsewhere) && !tiedEarlier.contains(i.id() + " " + i.modified())))) {
                        each.accept(i);
                    }
                }
                page.clear();
            };
            read(store, collectionIds.get(k), now, null, withJson, i -> {
                page.add(i);
                if (page.size() == PAGE) {
                    decide.run();
                }
            });
            if (!page.isEmpty()) {
                decide.run();
            }
        }
    }

    /** The {@code modified} of the current latest version in a collection of each of the given indicator ids it holds. */
    private static void currentVersions(ObjectStore store, String collectionId, List<String> ids, Instant now,
                                        java.util.function.BiConsumer<String, Instant> found) {
        Long cursor = null;
        while (true) {
            Page<StoredVersion> page = store.find(collectionId, new ObjectQuery(null, null, cursor, PAGE,
                    ids, List.of("indicator"), VersionMatch.LAST, List.of(), true));
            for (StoredVersion v : page.items()) {
                Fields f = Fields.of(v.json());
                if (f != null && f.isCurrent(now)) {
                    found.accept(f.id, f.indicator(null).modified());
                }
            }
            if (!page.more() || page.items().isEmpty()) {
                return;
            }
            cursor = page.items().get(page.items().size() - 1).dateAddedMicros();
        }
    }

    static long micros(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
    }

    /** The top-level properties of a stored indicator that a feed uses. */
    private static final class Fields {
        String id;
        String pattern;
        String patternType;
        String name;
        String validFromText;
        String validUntilText;
        Instant validFrom;
        Instant validUntil;
        Instant created;
        Instant modified;
        Integer confidence;
        boolean revoked;
        Tlp tlp;

        /** Null when the JSON is not an object. */
        static Fields of(byte[] json) {
            Fields f = new Fields();
            try (JsonParser p = JSON.createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "id" -> f.id = text(p, t);
                        case "pattern" -> f.pattern = text(p, t);
                        case "pattern_type" -> f.patternType = text(p, t);
                        case "name" -> f.name = text(p, t);
                        case "valid_from" -> f.validFromText = text(p, t);
                        case "valid_until" -> f.validUntilText = text(p, t);
                        case "created" -> f.created = instant(text(p, t));
                        case "modified" -> f.modified = instant(text(p, t));
                        case "revoked" -> f.revoked = t == JsonToken.VALUE_TRUE;
                        case "confidence" -> f.confidence = t == JsonToken.VALUE_NUMBER_INT
                                && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : null;
                        case "object_marking_refs" -> {
                            if (t == JsonToken.START_ARRAY) {
                                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                                    Tlp level = t == JsonToken.VALUE_STRING ? TlpMarkings.levelOf(p.getText()).orElse(null) : null;
                                    f.tlp = level == null ? f.tlp : f.tlp == null ? level : Tlp.strictest(f.tlp, level);
                                    p.skipChildren();
                                }
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
            if (f.id == null) {
                return null;
            }
            f.validFrom = instant(f.validFromText);
            f.validUntil = instant(f.validUntilText);
            return f;
        }

        private static String text(JsonParser p, JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            p.skipChildren();
            return null;
        }

        private static Instant instant(String text) {
            if (text == null) {
                return null;
            }
            try {
                return StixTimestamp.parse(text).toInstant();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        boolean isCurrent(Instant now) {
            return !revoked && "stix".equals(patternType) && pattern != null
                    && (validFrom == null || !validFrom.isAfter(now))
                    && (validUntil == null || validUntil.isAfter(now));
        }

        Feed.Indicator indicator(byte[] json) {
            Instant m = modified != null ? modified : created != null ? created : Instant.EPOCH;
            return new Feed.Indicator(id, pattern, confidence, m, name, validFromText, validUntilText,
                    tlp == null ? null : tlp.label(), created != null ? created : m, json);
        }
    }
}

package nl.camiso.server.feeds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The values for the formats that keep each value with its indicator (CSV, Suricata, Zeek, RPZ):
 * chosen as in {@link Feed#build} (each value once, allow-listed ones left out, at most
 * {@code max}, most confident and newest indicators first), but IP blocks are not merged, so every
 * entry names the one indicator it came from.
 *
 * @param entries  in priority order, an indicator's entries together
 * @param leftOut  what was not emitted and why
 * @param used     indicators with at least one entry
 */
record FeedSelection(List<Entry> entries, List<Feed.LeftOut> leftOut, int used) {

    /** One value of one basic format ({@link FeedFormat#BASIC}) and the indicator it came from. */
    record Entry(Feed.Indicator indicator, FeedFormat kind, FeedValues.Candidate value) {
        String text() {
            return value.text();
        }
    }

    static FeedSelection select(List<Feed.Indicator> indicators, List<FeedFormat> kinds, AllowList allow, Integer max) {
        List<Feed.Indicator> ordered = new ArrayList<>(indicators);
        ordered.sort(Feed.PRIORITY);
        List<Entry> entries = new ArrayList<>();
        List<Feed.LeftOut> leftOut = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> used = new LinkedHashSet<>();
        int overMax = 0;
        for (Feed.Indicator i : ordered) {
            for (FeedFormat kind : kinds) {
                for (FeedValues.Candidate c : FeedValues.of(i.pattern(), kind)) {
                    if (c.invalid() != null) {
                        leftOut.add(new Feed.LeftOut(c.raw(), i.id(), c.invalid()));
                        continue;
                    }
                    if (!seen.add(kind + " " + c.text())) {
                        continue;
                    }
                    var excluded = Feed.excluded(kind, c, allow);
                    if (excluded.isPresent()) {
                        leftOut.add(new Feed.LeftOut(c.text(), i.id(), excluded.get()));
                    } else if (max != null && entries.size() >= max) {
                        overMax++;
                    } else {
                        entries.add(new Entry(i, kind, c));
                        used.add(i.id());
                    }
                }
            }
        }
        if (overMax > 0) {
            leftOut.add(new Feed.LeftOut("(" + overMax + " values)", null, "over max=" + max));
        }
        return new FeedSelection(List.copyOf(entries), List.copyOf(leftOut), used.size());
    }

    /**
     * The same selection as {@link #select} with a {@code max}, made while the indicators are
     * read, in memory for {@code max} entries rather than for the whole collection: the best
     * {@code max} distinct values by the position of their best occurrence (indicator by
     * {@link Feed#PRIORITY}, then the order offered, then the value's place in its indicator),
     * which is where {@link #select} takes each value. A value pushed out may come back with a
     * better occurrence; one that comes back with a worse one is pushed out again. The count over
     * {@code max} comes from 8-byte fingerprints of the values ({@link FeedStream#fingerprint}).
     */
    static final class Top {

        /** Where a value occurs: its indicator, the order offered, its place in the indicator. */
        private record Position(Feed.Indicator indicator, long offered, int place) {
        }

        private static final Comparator<Position> ORDER = Comparator
                .comparing(Position::indicator, Feed.PRIORITY)
                .thenComparingLong(Position::offered)
                .thenComparingInt(Position::place);

        private final List<FeedFormat> kinds;
        private final AllowList allow;
        private final int max;
        private final TreeMap<Position, Entry> best = new TreeMap<>(ORDER);
        private final Map<String, Position> bestByValue = new HashMap<>();
        private final FeedStream.LongHashSet eligible = new FeedStream.LongHashSet();
        private final Map<String, Position> excludedAt = new HashMap<>();
        private final Map<Position, Feed.LeftOut> leftOut = new HashMap<>();
        private long offered;

        Top(List<FeedFormat> kinds, AllowList allow, int max) {
            this.kinds = kinds;
            this.allow = allow;
            this.max = max;
        }

        void offer(Feed.Indicator i) {
            long n = offered++;
            int place = 0;
            for (FeedFormat kind : kinds) {
                for (FeedValues.Candidate c : FeedValues.of(i.pattern(), kind)) {
                    Position at = new Position(i, n, place++);
                    if (c.invalid() != null) {
                        leftOut.put(at, new Feed.LeftOut(c.raw(), i.id(), c.invalid()));
                        continue;
                    }
                    String value = kind + " " + c.text();
                    var excluded = Feed.excluded(kind, c, allow);
                    if (excluded.isPresent()) {
                        // select names an allow-listed value once, at its best occurrence
                        Position before = excludedAt.get(value);
                        if (before == null || ORDER.compare(at, before) < 0) {
                            if (before != null) {
                                leftOut.remove(before);
                            }
                            excludedAt.put(value, at);
                            leftOut.put(at, new Feed.LeftOut(c.text(), i.id(), excluded.get()));
                        }
                        continue;
                    }
                    eligible.add(FeedStream.fingerprint(kind.ordinal(), c.text()));
                    Position before = bestByValue.get(value);
                    if (before != null) {
                        if (ORDER.compare(at, before) < 0) {
                            best.remove(before);
                            best.put(at, new Entry(i, kind, c));
                            bestByValue.put(value, at);
                        }
                    } else if (best.size() < max || ORDER.compare(at, best.lastKey()) < 0) {
                        best.put(at, new Entry(i, kind, c));
                        bestByValue.put(value, at);
                        if (best.size() > max) {
                            Map.Entry<Position, Entry> out = best.pollLastEntry();
                            bestByValue.remove(out.getValue().kind() + " " + out.getValue().text());
                        }
                    }
                }
            }
        }

        /** What {@link #select} gives for the indicators offered, in any order. */
        FeedSelection result() {
            List<Entry> entries = List.copyOf(best.values());
            Set<String> used = new HashSet<>();
            for (Entry e : entries) {
                used.add(e.indicator().id());
            }
            List<Feed.LeftOut> out = new ArrayList<>();
            leftOut.entrySet().stream().sorted(Map.Entry.comparingByKey(ORDER)).forEach(e -> out.add(e.getValue()));
            long overMax = eligible.size() - entries.size();
            if (overMax > 0) {
                out.add(new Feed.LeftOut("(" + overMax + " values)", null, "over max=" + max));
            }
            return new FeedSelection(entries, List.copyOf(out), used.size());
        }
    }
}

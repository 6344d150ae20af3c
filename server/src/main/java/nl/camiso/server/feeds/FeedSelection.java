package nl.camiso.server.feeds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
}

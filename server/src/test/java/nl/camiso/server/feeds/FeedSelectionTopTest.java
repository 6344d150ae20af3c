package nl.camiso.server.feeds;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded top-max selection against sorting everything ({@link FeedSelection#select}) on random collections. */
class FeedSelectionTopTest {

    private static final AllowList ALLOW = AllowList.of(List.of("10.0.0.0/30", "safe.example"));

    @Test
    void choosesWhatSortingEverythingChooses() {
        Random random = new Random(20261203);
        int nonEmpty = 0;
        for (int round = 0; round < 300; round++) {
            List<Feed.Indicator> indicators = indicators(random, 1 + random.nextInt(200));
            for (List<FeedFormat> kinds : List.of(FeedFormat.BASIC, List.of(FeedFormat.DOMAIN),
                    List.of(FeedFormat.IP, FeedFormat.DOMAIN, FeedFormat.URL))) {
                for (int max : new int[]{1, 2, 7, 40, 1000}) {
                    FeedSelection expected = FeedSelection.select(indicators, kinds, ALLOW, max);
                    FeedSelection.Top top = new FeedSelection.Top(kinds, ALLOW, max);
                    indicators.forEach(top::offer);
                    FeedSelection actual = top.result();
                    String what = "round " + round + " " + kinds + " max=" + max;
                    assertEquals(describe(expected.entries()), describe(actual.entries()), what);
                    assertEquals(expected.leftOut(), actual.leftOut(), what);
                    assertEquals(expected.used(), actual.used(), what);
                    nonEmpty += expected.entries().isEmpty() ? 0 : 1;
                }
            }
        }
        assertTrue(nonEmpty > 2000, "the random collections give entries: " + nonEmpty);
    }

    @Test
    void plainListsWithMaxAreTheListsOfSortingEverything() {
        Random random = new Random(20261204);
        for (int round = 0; round < 200; round++) {
            List<Feed.Indicator> indicators = indicators(random, 1 + random.nextInt(200));
            for (FeedFormat format : FeedFormat.values()) {
                for (int max : new int[]{1, 3, 40, 1000}) {
                    FeedSelection.Top top = new FeedSelection.Top(List.of(format), ALLOW, max);
                    indicators.forEach(top::offer);
                    Feed streamed = Feed.of(format, top.result());
                    Feed sorted = Feed.build(format, indicators, ALLOW, max);
                    String what = "round " + round + " " + format + " max=" + max;
                    assertEquals(sorted.lines(), streamed.lines(), what);
                    assertEquals(overMax(sorted), overMax(streamed), what);
                }
            }
        }
    }

    private static List<Feed.LeftOut> overMax(Feed feed) {
        return feed.leftOut().stream().filter(l -> l.reason().startsWith("over max")).toList();
    }

    @Test
    void keepsOnlyMaxEntriesOfALargeCollection() {
        FeedSelection.Top top = new FeedSelection.Top(List.of(FeedFormat.DOMAIN), ALLOW, 10);
        for (int i = 0; i < 100_000; i++) {
            top.offer(new Feed.Indicator("indicator--" + i, "[domain-name:value = 'd" + i + ".example']",
                    i % 101, Instant.ofEpochSecond(i)));
        }
        FeedSelection s = top.result();
        assertEquals(10, s.entries().size());
        // confidence 100 first (i % 101 == 100), newest first among them
        assertEquals("d99989.example", s.entries().get(0).text());
        assertEquals("d99888.example", s.entries().get(1).text());
        assertEquals(List.of(new Feed.LeftOut("(99990 values)", null, "over max=10")), s.leftOut());
    }

    /** Few distinct values, confidences and times, so that duplicates and ties are common. */
    private static List<Feed.Indicator> indicators(Random random, int count) {
        List<Feed.Indicator> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            List<String> parts = new ArrayList<>();
            int values = 1 + random.nextInt(3);
            for (int v = 0; v < values; v++) {
                int x = random.nextInt(30);
                parts.add(switch (random.nextInt(6)) {
                    case 0 -> "[ipv4-addr:value = '10.0.0." + x + "']";
                    case 1 -> "[ipv4-addr:value = '" + (250 + x) + ".0.0.1']"; // mostly invalid
                    case 2 -> "[domain-name:value = '" + (x < 3 ? "a" + x + ".safe.example" : "d" + x + ".example") + "']";
                    case 3 -> "[url:value = 'http://u" + x + ".example/p']";
                    case 4 -> "[file:hashes.'SHA-256' = '" + String.format("%064x", x) + "']";
                    default -> "[ipv6-addr:value = '2001:db8::" + x + "']";
                });
            }
            Integer confidence = random.nextInt(5) == 0 ? null : random.nextInt(4) * 25;
            out.add(new Feed.Indicator("indicator--" + random.nextInt(1_000_000) + "-" + n,
                    String.join(" OR ", parts), confidence, Instant.ofEpochSecond(random.nextInt(5))));
        }
        return out;
    }

    private static List<String> describe(List<FeedSelection.Entry> entries) {
        return entries.stream().map(e -> e.indicator().id() + " " + e.kind() + " " + e.text()).toList();
    }
}

package nl.camiso.server.feeds;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sid registry's assignment, and the streamed Suricata feed that uses it page by page. */
class SuricataSidsTest {

    static final int FIRST = FeedSuricata.SID_FIRST;

    @Test
    void firstComeKeepsItsSlotAndCollidingRulesTakeTheNextFreeOneWrapping() {
        SuricataSids sids = SuricataSids.inMemory();
        // identities 5, 1_000_005 and 2_000_005 all ask for slot 5
        assertArrayEquals(new int[]{FIRST + 5, FIRST + 6}, sids.sidsOf(new long[]{5, 1_000_005}, 2));
        assertArrayEquals(new int[]{FIRST + 7, FIRST + 5, FIRST + 6}, sids.sidsOf(new long[]{2_000_005, 5, 1_000_005}, 3));
        // the last slot taken: the next rule asking for it wraps to the first
        assertArrayEquals(new int[]{FIRST + 999_999, FIRST}, sids.sidsOf(new long[]{999_999, 1_999_999}, 2));
        // a negative identity asks for its floor modulo
        assertArrayEquals(new int[]{FIRST + 1}, sids.sidsOf(new long[]{-999_999}, 1));
    }

    @Test
    void theRegistryReadsWhatItStoredAndGivesTheSameSids() {
        List<long[]> rows = new java.util.ArrayList<>();
        SuricataSids.Store store = new SuricataSids.Store() {
            public void forEach(SuricataSids.Assignment each) {
                rows.forEach(r -> each.accept(r[0], (int) r[1]));
            }

            public boolean add(long[] rules, int[] sids, int count) {
                for (int i = 0; i < count; i++) {
                    rows.add(new long[]{rules[i], sids[i]});
                }
                return true;
            }

            public void find(long[] rules, int[] sids, int count, SuricataSids.Assignment each) {
            }
        };
        long[] rules = new long[SuricataSids.STORE_BATCH + 10_000]; // more than one store batch
        for (int i = 0; i < rules.length; i++) {
            rules[i] = (i % 3) * 1_000_000L + i / 3 * 7 + 1; // three rules a slot (never 0, as FeedSuricata.identity)
        }
        int[] given = new SuricataSids(store).sidsOf(rules, rules.length);
        assertEquals(rules.length, rows.size());
        assertEquals(rules.length, java.util.Arrays.stream(given).distinct().count());
        // a new process (a restart) reads them and gives each the same, in any order, storing nothing
        long[] reversed = new long[rules.length];
        for (int i = 0; i < rules.length; i++) {
            reversed[i] = rules[rules.length - 1 - i];
        }
        int[] again = new SuricataSids(store).sidsOf(reversed, reversed.length);
        for (int i = 0; i < rules.length; i++) {
            assertEquals(given[rules.length - 1 - i], again[i]);
        }
        assertEquals(rules.length, rows.size());
    }

    @Test
    void aFullRangeGivesNewRulesNoSidAndKnownOnesTheirs() {
        SuricataSids sids = SuricataSids.inMemory();
        long[] rules = new long[FeedSuricata.SID_COUNT];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = 3L * i + 1; // every third slot asked for, the rest taken by the next free
        }
        int[] all = sids.sidsOf(rules, rules.length);
        Set<Integer> distinct = new HashSet<>();
        for (int sid : all) {
            assertTrue(sid >= FIRST && sid < FIRST + FeedSuricata.SID_COUNT, "sid " + sid);
            distinct.add(sid);
        }
        assertEquals(FeedSuricata.SID_COUNT, distinct.size());
        assertArrayEquals(new int[]{-1, all[7], -1}, sids.sidsOf(new long[]{2, rules[7], 5}, 3));
    }

    @Test
    void theMapFindsWhatWasPutThroughGrowthAndNothingElse() {
        SuricataSids.LongIntMap map = new SuricataSids.LongIntMap(16);
        for (int i = 0; i < 100_000; i++) {
            map.put(FeedStream.fingerprint(0, "rule " + i), FIRST + i);
        }
        for (int i = 0; i < 100_000; i++) {
            assertEquals(FIRST + i, map.get(FeedStream.fingerprint(0, "rule " + i)));
        }
        assertEquals(0, map.get(FeedStream.fingerprint(0, "rule 100000")));
        map.put(0, 5);
        assertEquals(5, map.get(0));
    }

    @Test
    void theStreamedFeedSendsItsFirstRulesBeforeTheCollectionIsRead() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        String[] seenMidway = {null};
        FeedStream.Source source = (withJson, each) -> {
            for (int i = 0; i < 3000; i++) {
                if (i == 1500) {
                    seenMidway[0] = sent.toString(StandardCharsets.UTF_8);
                }
                each.accept(new Feed.Indicator("indicator--00000000-0000-4000-8000-" + String.format("%012d", i),
                        "[ipv4-addr:value = '11.0." + (i / 250) + "." + (i % 250) + "']", 50, Instant.parse("2026-01-01T00:00:00Z")));
            }
        };
        FeedStream.suricata(source, AllowList.of(List.of()), SuricataSids.inMemory(), null,
                new FeedText.About("suricata", "ndn", "test", Instant.now()), false).write(sent);
        assertTrue(seenMidway[0].startsWith("# CAMISO feed suricata of collection test"), seenMidway[0]);
        long rulesMidway = seenMidway[0].lines().filter(l -> l.startsWith("alert ip ")).count();
        assertEquals(1000, rulesMidway, "the first page's rules, sent before the rest is read");
        String all = sent.toString(StandardCharsets.UTF_8);
        assertEquals(3000, all.lines().filter(l -> l.startsWith("alert ip ")).count());
        assertTrue(all.endsWith("# 3000 entries from 3000 indicators\n"), all.substring(all.length() - 200));
    }
}

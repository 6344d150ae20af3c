package nl.camiso.server.feeds;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the streamed feeds that HTTP tests see only at scale. */
class FeedStreamTest {

    @Test
    void theSetOfWrittenValuesHoldsEachOnceThroughGrowth() {
        FeedStream.LongHashSet set = new FeedStream.LongHashSet();
        for (long v = -50_000; v < 50_000; v++) {
            assertTrue(set.add(v * 0x9E3779B97F4A7C15L), "first " + v);
        }
        for (long v = -50_000; v < 50_000; v++) {
            assertFalse(set.add(v * 0x9E3779B97F4A7C15L), "again " + v);
            assertTrue(set.contains(v * 0x9E3779B97F4A7C15L));
        }
        assertFalse(set.contains(7));
        // 0 is the empty slot's value, kept aside
        assertTrue(set.contains(0));
        assertFalse(set.add(0));
    }

    @Test
    void fingerprintsDifferByKindAndValue() {
        assertEquals(FeedStream.fingerprint(1, "evil.example"), FeedStream.fingerprint(1, "evil.example"));
        assertNotEquals(FeedStream.fingerprint(1, "evil.example"), FeedStream.fingerprint(2, "evil.example"));
        assertNotEquals(FeedStream.fingerprint(1, "evil.example"), FeedStream.fingerprint(1, "evil.exampla"));
        FeedStream.LongHashSet set = new FeedStream.LongHashSet();
        for (int i = 0; i < 1_000_000; i++) {
            assertTrue(set.add(FeedStream.fingerprint(1, "d" + i + ".example")), "collision at " + i);
        }
    }

    @Test
    void boundariesReadLaterAreAddedAndPassedOnesFolded() {
        var first = new CurrentIndicators.Boundaries(100, new long[]{200, 400}, 10L);
        var later = new CurrentIndicators.Boundaries(150, new long[]{300}, 20L);
        var both = first.and(later);
        assertEquals(150, both.passedMicros());
        assertArrayEquals(new long[]{200, 300, 400}, both.futureMicros());
        assertEquals(20L, both.cursor());
        // nothing read since: the cursor stays
        assertEquals(10L, first.and(new CurrentIndicators.Boundaries(0, new long[0], null)).cursor());

        var at = both.at(300);
        assertEquals(300, at.passedMicros());
        assertArrayEquals(new long[]{400}, at.futureMicros());
        assertEquals(150, both.at(199).passedMicros());
        assertEquals(400, both.at(1000).passedMicros());
    }

    @Test
    void onlyPatternsNamingAnObjectTypeCanGiveItsValues() {
        assertTrue(FeedStream.mayHold("[ipv6-addr:value = '2001:db8::1']", FeedFormat.IP));
        assertFalse(FeedStream.mayHold("[domain-name:value = 'a.example']", FeedFormat.IP));
        assertTrue(FeedStream.mayHold("[domain-name:value = 'a.example']", FeedFormat.DOMAIN_WILDCARD));
        assertTrue(FeedStream.mayHold("[url:value = 'http://a.example/']", FeedFormat.URL_PANOS));
        assertTrue(FeedStream.mayHold("[file:hashes.MD5 = 'x']", FeedFormat.HASH_MD5));
        assertFalse(FeedStream.mayHold("[file:hashes.MD5 = 'x']", FeedFormat.DOMAIN));
    }

    @Test
    void ipv4MergingGivesWhatTheAddressLibraryGives() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 50; round++) {
            java.util.List<inet.ipaddr.IPAddress> addresses = new java.util.ArrayList<>();
            long[] packed = new long[200];
            for (int i = 0; i < packed.length; i++) {
                // a small space, so that blocks overlap, touch and nest
                int prefix = 20 + random.nextInt(13);
                String text = "203.0." + random.nextInt(16) + "." + random.nextInt(256) + "/" + prefix;
                inet.ipaddr.IPAddress a = FeedValues.parseIp(text).orElseThrow();
                addresses.add(a);
                packed[i] = ((a.getLower().toIPv4().longValue() << 32) | a.getUpper().toIPv4().longValue()) ^ Long.MIN_VALUE;
            }
            assertEquals(Feed.merge(addresses), FeedStream.mergeIpv4(packed, packed.length), "round " + round);
        }
        long[] edges = {((0L << 32) | 0xffffffffL) ^ Long.MIN_VALUE};
        assertEquals(java.util.List.of("0.0.0.0/0"), FeedStream.mergeIpv4(edges, 1));
        long[] top = {((0xffffffffL << 32) | 0xffffffffL) ^ Long.MIN_VALUE, ((0xfffffffeL << 32) | 0xfffffffeL) ^ Long.MIN_VALUE};
        assertEquals(java.util.List.of("255.255.255.254/31"), FeedStream.mergeIpv4(top, 2));
    }
}

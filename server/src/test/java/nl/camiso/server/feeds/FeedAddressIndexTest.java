package nl.camiso.server.feeds;

import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.server.testing.FreshPostgresDatabase;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.VersionMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ip} feed merged while read from the address index the object store keeps gives the
 * lines {@link Feed#build} gives over the current indicators of the collection, on a randomized
 * collection: overlapping and touching IPv4 and IPv6 blocks, allow-listed addresses and blocks
 * covering them, invalid values, patterns that are no list, several versions arriving in any order,
 * revoked, expired and not yet valid versions, and deleted versions. On H2 and on PostgreSQL.
 */
class FeedAddressIndexTest {

    @TempDir
    Path dir;

    private static final AllowList ALLOW = AllowList.of(List.of("198.51.101.0/26", "2001:db8:0:3::/64"));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theStreamedMergeIsTheWholeSetMergeOnH2(long seed) throws Exception {
        try (Database db = Database.open(DatabaseSettings.h2(dir.resolve("h2-" + seed)), List.of())) {
            compare(db, new Random(seed));
        }
    }

    @Test
    void theStreamedMergeIsTheWholeSetMergeOnPostgres() throws Exception {
        try (FreshPostgresDatabase pg = FreshPostgresDatabase.create("camiso_feed_address_index_")) {
            try (Database db = Database.open(new DatabaseSettings(pg.url(), pg.user(), ""), List.of())) {
                compare(db, new Random(4));
            }
        }
    }

    @Test
    void aRowIsOneBlockInAddressOrder() {
        assertEquals("4c0a80001", FeedAddresses.sortable(FeedValues.parseIp("192.168.0.1").orElseThrow()));
        List<String> sorted = new ArrayList<>(List.of(
                FeedAddresses.sortable(FeedValues.parseIp("::").orElseThrow()),
                FeedAddresses.sortable(FeedValues.parseIp("255.255.255.255").orElseThrow()),
                FeedAddresses.sortable(FeedValues.parseIp("10.0.0.0").orElseThrow()),
                FeedAddresses.sortable(FeedValues.parseIp("9.255.255.255").orElseThrow())));
        Collections.sort(sorted);
        assertEquals(List.of("409ffffff", "40a000000", "4ffffffff", "6" + "0".repeat(32)), sorted);
        for (String block : List.of("0.0.0.0/0", "198.51.100.7", "198.51.100.0/23", "::/0", "2001:db8::/127", "2001:db8::1")) {
            var a = FeedValues.parseIp(block).orElseThrow();
            assertEquals(block, FeedValues.ipText(FeedStream.RangeMerger.block(FeedAddresses.sortable(a.getLower()),
                    FeedAddresses.sortable(a.getUpper()))));
        }
    }

    private void compare(Database db, Random random) throws Exception {
        ObjectStore store = db.objectStore();
        String collection = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> versions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "indicator--" + UUID.randomUUID();
            ids.add(id);
            int count = 1 + random.nextInt(3);
            for (int v = 0; v < count; v++) {
                versions.add(indicator(random, id, now.minusSeconds(3600 - v * 60L)));
            }
        }
        Collections.shuffle(versions, random); // older versions often arrive after newer ones
        for (int from = 0; from < versions.size(); from += 40) {
            List<IncomingObject> envelope = new ArrayList<>();
            for (String json : versions.subList(from, Math.min(versions.size(), from + 40))) {
                envelope.add(new IncomingObject(StixObject.of(StixJson.parse(json)), json.getBytes(StandardCharsets.UTF_8)));
            }
            store.add("ndn", collection, "test", 0, envelope.size(), envelope, List.of());
        }
        for (String id : ids) {
            int r = random.nextInt(20);
            if (r < 2) {
                store.delete(collection, id, VersionMatch.LAST, null);
            } else if (r == 2) {
                store.delete(collection, id, VersionMatch.ALL, null);
            }
        }

        List<Feed.Indicator> current = new ArrayList<>();
        CurrentIndicators.read(store, collection, now, null, false, current::add);
        Feed whole = Feed.build(FeedFormat.IP, current, ALLOW, null);
        assertTrue(whole.lines().size() > 50 && whole.lines().stream().anyMatch(l -> l.contains(":")), whole.lines().toString());
        assertTrue(whole.lines().stream().anyMatch(l -> l.contains("/")), "some blocks were merged or kept whole");

        FeedText.About about = new FeedText.About("ip", "ndn", "randomized", now);
        String explained = write(FeedStream.ip(db.feedAddresses(), collection, now, ALLOW, about, true));
        List<String> lines = explained.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(whole.lines(), lines);
        assertTrue(explained.contains("\n# " + lines.size() + " entries from " + whole.used() + " indicators\n"), explained);
        // the values left out for the allow-list (invalid values are not in the index)
        Set<String> expectedLeftOut = whole.leftOut().stream().filter(l -> !l.reason().startsWith("not an"))
                .map(l -> l.value() + ": " + l.reason()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> leftOut = explained.lines().filter(l -> l.startsWith("# left out: "))
                .map(l -> l.substring("# left out: ".length()).replaceFirst(" \\(indicator--[0-9a-f-]+\\)", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(expectedLeftOut.isEmpty());
        assertEquals(expectedLeftOut, leftOut);

        // and without explain, just the lines, as the whole read of the collection merged them
        assertEquals(String.join("\n", lines) + "\n", write(FeedStream.ip(db.feedAddresses(), collection, now, ALLOW, about, false)));
        FeedStream.Source source = (withJson, each) -> CurrentIndicators.read(store, collection, now, null, withJson, each);
        assertEquals(String.join("\n", lines) + "\n", write(FeedStream.ip(source, ALLOW, about, false)));
    }

    private static String write(jakarta.ws.rs.core.StreamingOutput output) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String indicator(Random random, String id, Instant modified) {
        int r = random.nextInt(100);
        String validFrom = r < 8 ? modified.plusSeconds(7200).toString() : modified.minusSeconds(60).toString();
        String validUntil = r >= 8 && r < 20 ? Instant.now().minusSeconds(10).toString()
                : r >= 20 && r < 30 ? Instant.now().plusSeconds(7200).toString() : null;
        boolean revoked = random.nextInt(10) == 0;
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\","
                + "\"pattern\":\"" + pattern(random) + "\",\"pattern_type\":\"stix\",\"valid_from\":\"" + validFrom + "\""
                + (validUntil == null ? "" : ",\"valid_until\":\"" + validUntil + "\"")
                + (random.nextBoolean() ? ",\"confidence\":" + random.nextInt(101) : "")
                + (revoked ? ",\"revoked\":true" : "") + "}";
    }

    private static String pattern(Random random) {
        if (random.nextInt(20) == 0) {
            return "[ipv4-addr:value = '" + v4(random) + "' AND ipv4-addr:value = '" + v4(random) + "']";
        }
        List<String> observations = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int o = 0; o < n; o++) {
            List<String> comparisons = new ArrayList<>();
            int m = 1 + random.nextInt(3);
            for (int c = 0; c < m; c++) {
                int k = random.nextInt(10);
                if (k < 5) {
                    comparisons.add("ipv4-addr:value " + (random.nextBoolean() ? "=" : "ISSUBSET") + " '" + v4(random) + "'");
                } else if (k < 8) {
                    comparisons.add("ipv6-addr:value " + (random.nextBoolean() ? "=" : "ISSUBSET") + " '" + v6(random) + "'");
                } else if (k == 8) {
                    comparisons.add("ipv4-addr:value IN ('" + v4(random) + "', '" + v4(random) + "')");
                } else {
                    comparisons.add("domain-name:value = 'd" + random.nextInt(5) + ".example'");
                }
            }
            observations.add("[" + String.join(" OR ", comparisons) + "]");
        }
        return String.join(" OR ", observations);
    }

    private static String v4(Random random) {
        int k = random.nextInt(40);
        if (k == 0) {
            return List.of("8.8.8.8", "10.1.2.3", "8.0.0.0/7", "10.1", "2001:db8::9", "0.0.0.0/1").get(random.nextInt(6));
        }
        // 198.51.96.0 - 198.51.111.255: blocks overlap, touch and cover the allow-listed 198.51.101.0/26
        String a = "198.51." + (96 + random.nextInt(16)) + "." + random.nextInt(256);
        int p = random.nextInt(10);
        return p < 6 ? a : a + "/" + List.of(31, 30, 28, 25).get(p - 6);
    }

    private static String v6(Random random) {
        int k = random.nextInt(30);
        if (k == 0) {
            return List.of("fe80::1", "::ffff:198.51.100.1", "2001:db8::/32", "::1", "ffff::/16").get(random.nextInt(5));
        }
        String a = "2001:db8:0:" + random.nextInt(5) + "::" + Integer.toHexString(random.nextInt(256));
        int p = random.nextInt(20);
        return p < 14 ? a : a + "/" + List.of(127, 126, 124, 122, 120, 64).get(p - 14);
    }
}

package nl.camiso.server.feeds;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which patterns give which values, and the merging and allow-list rules, without a server. */
class FeedValuesTest {

    static List<String> values(String pattern, FeedFormat format) {
        return FeedValues.of(pattern, format).stream().map(c -> c.text() != null ? c.text() : "!" + c.invalid()).toList();
    }

    @Test
    void onlyExactlyExpressiblePatternsGiveValues() {
        assertEquals(List.of("203.0.113.9", "203.0.113.10"),
                values("[ipv4-addr:value = '203.0.113.9'] OR [ipv4-addr:value = '203.0.113.10']", FeedFormat.IP));
        assertEquals(List.of("192.0.2.0/24", "2001:db8::/32"),
                values("[ipv4-addr:value ISSUBSET '192.0.2.7/24' OR ipv6-addr:value IN ('2001:db8::/32')]", FeedFormat.IP));
        // AND, FOLLOWEDBY, qualifiers, NOT, other operators and paths: the whole pattern is unusable
        for (String p : List.of("[ipv4-addr:value = '192.0.2.1' AND ipv4-addr:value = '192.0.2.2']",
                "[ipv4-addr:value = '192.0.2.1'] AND [ipv4-addr:value = '192.0.2.2']",
                "[ipv4-addr:value = '192.0.2.1'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.2']",
                "[ipv4-addr:value = '192.0.2.1'] REPEATS 2 TIMES",
                "[ipv4-addr:value != '192.0.2.1']",
                "[ipv4-addr:value NOT = '192.0.2.1']",
                "[ipv4-addr:value = '192.0.2.1' OR network-traffic:dst_port = 443]",
                "[domain-name:value ISSUBSET 'example.com']",
                "[domain-name:value LIKE '%.example.com']",
                "not a pattern")) {
            assertEquals(List.of(), values(p, FeedFormat.IP), p);
            assertEquals(List.of(), values(p, FeedFormat.DOMAIN), p);
        }
        assertEquals(List.of("!not an IPv4 address or CIDR"), values("[ipv4-addr:value = '2001:db8::1']", FeedFormat.IP));
        assertEquals(List.of("!not an IPv4 address or CIDR"), values("[ipv4-addr:value = '10.1']", FeedFormat.IP));
        assertEquals(List.of("!not a URL that fits on one line"),
                values("[url:value = 'http://a.example/x\ny']", FeedFormat.URL));
        assertEquals(List.of("evil.example"), values("[domain-name:value = 'EVIL.example.']", FeedFormat.DOMAIN));
        assertEquals(List.of("!not a domain name"), values("[domain-name:value = 'evil example']", FeedFormat.DOMAIN));
        String md5 = "d41d8cd98f00b204e9800998ecf8427e";
        assertEquals(List.of(md5), values("[file:hashes.MD5 = '" + md5.toUpperCase() + "']", FeedFormat.HASH_MD5));
        assertEquals(List.of(), values("[file:hashes.MD5 = '" + md5 + "']", FeedFormat.HASH_SHA256));
    }

    @Test
    void buildMergesCapsAndLeavesOutAllowListed() {
        AllowList allow = AllowList.of(List.of("203.0.113.128/25", "cdn.example"));
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        List<Feed.Indicator> in = List.of(
                new Feed.Indicator("indicator--1", "[ipv4-addr:value IN ('192.0.2.0', '192.0.2.1', '192.0.2.2', '192.0.2.3')]", null, t),
                new Feed.Indicator("indicator--2", "[ipv4-addr:value = '203.0.113.0/24' OR ipv4-addr:value = '192.0.2.1']", 80, t),
                new Feed.Indicator("indicator--3", "[domain-name:value = 'example' OR domain-name:value = 'a.cdn.example']", null, t));
        Feed ip = Feed.build(FeedFormat.IP, in, allow, null);
        assertEquals(List.of("192.0.2.0/30"), ip.lines());
        assertEquals(List.of(new Feed.LeftOut("203.0.113.0/24", "indicator--2",
                "covers allow-listed 203.0.113.128/25 (configured allow-list)")), ip.leftOut());
        assertEquals(List.of("192.0.2.1"), Feed.build(FeedFormat.IP, in, allow, 1).lines());
        Feed domains = Feed.build(FeedFormat.DOMAIN, in, allow, null);
        assertEquals(List.of(), domains.lines());
        assertEquals(2, domains.leftOut().size());
    }
}

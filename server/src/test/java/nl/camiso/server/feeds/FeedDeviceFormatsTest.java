package nl.camiso.server.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.testing.SampleServer;
import nl.camiso.stix.StixJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.camiso.server.feeds.FeedsOverHttpTest.AMBER_MEMBER;
import static nl.camiso.server.feeds.FeedsOverHttpTest.GREEN_MEMBER;
import static nl.camiso.server.feeds.FeedsOverHttpTest.TAXII;
import static nl.camiso.server.feeds.FeedsOverHttpTest.indicator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device formats (RPZ, Suricata, Zeek, STIX bundle, PAN-OS/FortiGate/wildcard lists) through
 * the whole server with the sample network, checked by the real tools where they exist
 * ({@code named-checkzone}, suricata-update's rule parser; see {@link ExternalTool}), including
 * indicators whose names and values try to break out of a record, rule or field.
 */
class FeedDeviceFormatsTest {

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-feed-formats-test");

    /** Plain values plus allow-listed ones (8.8.8.8, a Microsoft update host). */
    static final String PLAIN = "indicator--" + UUID.randomUUID();
    /** A name that tries to end the rule, the zone record and the Zeek field, and values that try too. */
    static final String HOSTILE = "indicator--" + UUID.randomUUID();
    static final String HOSTILE_NAME = "x\"; sid:1; rev:1;) alert ip any any -> any any (msg:\"pwned\"; sid:2;)"
            + "\n*.camiso-rpz-injected.example CNAME .\t\tIntel::ADDR\r\n; \\ | $ORIGIN evil.";
    static final String HOSTILE_PATTERN = "[domain-name:value IN ('hostile-feed-test.example', 'a.example\"; sid:3;',"
            + " 'b.example\nevil IN A 192.0.2.1', 'tab\tfeed.example', 'x;y.example', '-lead.example',"
            + " '_srv.Hostile-feed-test.example')]"
            + " OR [url:value = 'http://hostile-feed-test.example/a;b%22c?q=1\\'2' OR url:value = 'http://hostile-feed-test.example/p;q?x=\\'y'"
            + " OR url:value = 'http://hostile-feed-test.example/pipe|x']"
            + " OR [ipv4-addr:value = '198.51.100.99']";

    @BeforeAll
    static void start() throws Exception {
        post(indicator(PLAIN, "[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '8.8.8.8' OR ipv4-addr:value = '192.0.2.0/28']"
                        + " OR [domain-name:value IN ('plain-feed-test.example', 'download.windowsupdate.com')]"
                        + " OR [url:value = 'http://Plain-Feed-Test.example:8080/get?id=1#frag' OR url:value = 'https://u:p@plain-feed-test.example/x'"
                        + " OR url:value = 'http://plain-feed-test.example/*.exe']"
                        + " OR [file:hashes.'SHA-256' = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']",
                70, null, false));
        // built with Jackson: the name and pattern hold quotes, backslashes and control characters
        ObjectNode hostile = (ObjectNode) StixJson.mapper().readTree(indicator(HOSTILE, "[ipv4-addr:value = '198.51.100.99']", 60, null, false));
        hostile.put("name", HOSTILE_NAME).put("pattern", HOSTILE_PATTERN);
        post(hostile.toString());
    }

    static RequestSpecification as(String user) {
        return sample.as(user);
    }

    static void post(String object) {
        sample.post("ferm-analyst", "ferm-amber", object);
    }

    static String text(String user, String path) {
        Response r = as(user).get("ndn/x-camiso/feeds/" + path);
        assertEquals(200, r.statusCode(), path + ": " + r.asString());
        return r.asString();
    }

    static List<String> lines(String body) {
        return body.isEmpty() ? List.of() : Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1));
    }

    static List<String> dataLines(String body, String comment) {
        return lines(body).stream().filter(l -> !l.startsWith(comment)).toList();
    }

    // --- RPZ ---------------------------------------------------------------------------------------

    static long serial(String zone) {
        Matcher m = Pattern.compile("\\n@ IN SOA localhost\\. hostmaster\\.localhost\\. \\((\\d+) ").matcher(zone);
        assertTrue(m.find(), zone);
        return Long.parseLong(m.group(1));
    }

    static void checkZone(String zone) throws Exception {
        Path file = Files.createTempFile(sample.dir(), "rpz", ".zone");
        Files.writeString(file, zone);
        String tool = ExternalTool.NAMED_CHECKZONE.executable("named-checkzone", "/usr/sbin/named-checkzone", "/usr/bin/named-checkzone");
        ExternalTool.Result r = ExternalTool.NAMED_CHECKZONE.run(List.of(tool, "-k", "fail", "-i", "full",
                "rpz.camiso.example", file.toString()), null);
        assertEquals(0, r.exit(), "named-checkzone refused the zone:\n" + r.output() + "\n" + zone);
        // it loaded exactly the records we wrote: SOA, NS and two per name
        long records = dataLines(zone, ";").stream().filter(l -> !l.startsWith("$")).count();
        assertTrue(r.output().contains("loaded serial " + serial(zone)), r.output());
        assertTrue(records >= 2, zone);
    }

    @Test
    void rpzBlocksEachNameAndItsSubdomainsAndPassesNamedCheckzone() throws Exception {
        String zone = text(AMBER_MEMBER, "ferm-amber/rpz");
        checkZone(zone);
        List<String> records = dataLines(zone, ";");
        assertTrue(records.contains("plain-feed-test.example CNAME ."), zone);
        assertTrue(records.contains("*.plain-feed-test.example CNAME ."), zone);
        assertTrue(records.contains("_srv.hostile-feed-test.example CNAME ."), zone);
        assertFalse(zone.contains("windowsupdate"), zone);
        assertFalse(zone.contains("injected"), zone);
        assertFalse(zone.contains("evil"), zone);
        // every record line is one of ours: $TTL, SOA, NS or "name CNAME ."
        for (String l : records) {
            assertTrue(l.startsWith("$TTL ") || l.startsWith("@ IN SOA ") || l.equals("@ IN NS localhost.")
                    || l.matches("(\\*\\.)?[a-z0-9_][a-z0-9_.-]* CNAME \\."), l);
        }
        // explain puts what was left out into ';' comments; the hostile values cannot leave theirs
        String explained = text(AMBER_MEMBER, "ferm-amber/rpz?explain=true");
        checkZone(explained);
        assertTrue(explained.contains("; left out: b.example?evil IN A 192.0.2.1 (" + HOSTILE + "): not a domain name\n"), explained);
        assertEquals(records, dataLines(explained, ";"));
        // a GREEN member may not read ferm-amber
        as(GREEN_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/rpz").then().statusCode(404);
    }

    @Test
    void rpzSerialGrowsWithANewVersionARevocationAndAnExpiry() throws Exception {
        long first = serial(text(AMBER_MEMBER, "ferm-amber/rpz"));
        assertEquals(first, serial(text(AMBER_MEMBER, "ferm-amber/rpz")), "nothing changed, same serial");
        Thread.sleep(1100);
        String id = "indicator--" + UUID.randomUUID();
        Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        post(indicator(id, "[domain-name:value = 'serial-feed-test.example']", null, soon.toString(), false));
        String added = text(AMBER_MEMBER, "ferm-amber/rpz");
        assertTrue(added.contains("\nserial-feed-test.example CNAME .\n"), added);
        long afterAdd = serial(added);
        assertTrue(afterAdd > first, afterAdd + " after " + first);

        Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis() + 1100));
        String expired = text(AMBER_MEMBER, "ferm-amber/rpz");
        assertFalse(expired.contains("serial-feed-test.example"), expired);
        long afterExpiry = serial(expired);
        assertTrue(afterExpiry > afterAdd, afterExpiry + " after " + afterAdd);

        String revoked = "indicator--" + UUID.randomUUID();
        post(indicator(revoked, "[domain-name:value = 'revoked-serial-feed-test.example']", null, null, false));
        long beforeRevocation = serial(text(AMBER_MEMBER, "ferm-amber/rpz"));
        Thread.sleep(1100);
        post(indicator(revoked, "[domain-name:value = 'revoked-serial-feed-test.example']", null, null, true,
                "2026-11-22T10:00:00.000Z"));
        String afterRevocation = text(AMBER_MEMBER, "ferm-amber/rpz");
        assertFalse(afterRevocation.contains("revoked-serial-feed-test"), afterRevocation);
        assertTrue(serial(afterRevocation) > beforeRevocation);
    }

    // --- Suricata ------------------------------------------------------------------------------------

    /** suricata-update's own parser on every rule line; one JSON object (or null) per line. */
    static List<JsonNode> parseRules(List<String> rules) throws Exception {
        String python = ExternalTool.SURICATA_UPDATE.executable("/usr/bin/python3", "python3");
        String script = "import sys, json\n"
                + "try:\n    import suricata.update.rule as rule\n"
                + "except ImportError as e:\n    print('MISSING', e); sys.exit(3)\n"
                + "for line in sys.stdin.read().split('\\n'):\n"
                + "    if not line: continue\n"
                + "    r = rule.parse(line)\n"
                + "    print(json.dumps(None if r is None else {k: r.get(k) for k in ('action','proto','source_addr','dest_addr',"
                + "'sid','rev','msg','references','classtype','content')}))\n";
        ExternalTool.Result r = ExternalTool.SURICATA_UPDATE.run(List.of(python, "-c", script), String.join("\n", rules) + "\n");
        if (r.exit() == 3) {
            ExternalTool.SURICATA_UPDATE.missing(r.output().trim());
        }
        assertEquals(0, r.exit(), r.output());
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.output().split("\n")) {
            if (!l.isBlank()) {
                out.add(StixJson.mapper().readTree(l));
            }
        }
        return out;
    }

    @Test
    void streamedRulesAreThoseTheWholeSetGives() {
        // without max the rules are written as read (FeedStream), with max from the whole set
        // (FeedSuricata): the same rules with the same sids from the registry, only the order may differ
        List<String> streamed = dataLines(text(AMBER_MEMBER, "ferm-amber/suricata"), "#");
        List<String> whole = dataLines(text(AMBER_MEMBER, "ferm-amber/suricata?max=100000"), "#");
        assertFalse(streamed.isEmpty());
        assertEquals(new HashSet<>(whole), new HashSet<>(streamed));
        assertEquals(whole.size(), streamed.size());
    }

    @Test
    void suricataRulesParseWithStableSidsAndEscapedValues() throws Exception {
        String body = text(AMBER_MEMBER, "ferm-amber/suricata");
        List<String> rules = dataLines(body, "#");
        List<JsonNode> parsed = parseRules(rules);
        assertEquals(rules.size(), parsed.size());
        Set<Long> sids = new HashSet<>();
        Map<String, Long> sidByRule = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode p = parsed.get(i);
            assertFalse(p.isNull(), "suricata-update cannot parse: " + rules.get(i));
            long sid = p.path("sid").asLong();
            assertTrue(sid >= 1_000_000 && sid <= 1_999_999, rules.get(i));
            assertTrue(sids.add(sid), "duplicate sid: " + rules.get(i));
            assertTrue(p.path("msg").asText().startsWith("CAMISO ferm-amber: "), rules.get(i));
            assertEquals("trojan-activity", p.path("classtype").asText());
            String ref = p.path("references").path(0).asText();
            assertTrue(ref.matches("url,(127\\.0\\.0\\.1|localhost):\\d+/ndn/x-camiso/objects/indicator--[0-9a-f-]{36}/actions/"), ref);
            sidByRule.put(rules.get(i).replaceAll(" sid:\\d+; rev:\\d+;\\)$", ""), sid);
        }
        // the hostile indicator: one rule per kind and value, its name harmless inside msg
        List<String> hostile = rules.stream().filter(r -> r.contains(HOSTILE)).toList();
        assertEquals(1 + 2 * 2 + 2, hostile.size(), String.join("\n", hostile)); // ip, dns+tls for 2 names, 2 URLs
        for (String r : hostile) {
            JsonNode p = parsed.get(rules.indexOf(r));
            assertTrue(p.path("msg").asText().endsWith("(" + HOSTILE + ")"), r);
            assertFalse(p.path("msg").asText().contains("\""), r);
            assertFalse(p.path("msg").asText().contains(";"), r);
        }
        assertTrue(rules.contains("alert dns $HOME_NET any -> any any (msg:\"" + parsed.get(rules.indexOf(hostile.get(1))).path("msg").asText()
                + "\"; dns.query; dotprefix; content:\".hostile-feed-test.example\"; nocase; endswith;"
                + " reference:url," + sample.server().baseUri().getHost() + ":" + sample.server().baseUri().getPort() + "/ndn/x-camiso/objects/"
                + HOSTILE + "/actions/; classtype:trojan-activity; sid:" + parsed.get(rules.indexOf(hostile.get(1))).path("sid").asLong()
                + "; rev:" + FeedSuricata.rev(Instant.parse("2026-11-21T10:00:00Z")) + ";)"), String.join("\n", hostile));
        // ';', '"', '\'' and '|' in a URL never reach the rule as themselves
        String uriRule = hostile.stream().filter(r -> r.contains("a|3B|b")).findFirst().orElseThrow();
        assertTrue(uriRule.contains("http.host; content:\"hostile-feed-test.example\"; nocase; startswith; endswith;"
                + " http.uri; content:\"/a|3B|b%22c?q=1'2\"; startswith; endswith;"), uriRule);
        assertFalse(body.contains("pipe"), "a URL with '|' is no URL: " + body);
        assertTrue(rules.stream().anyMatch(r -> r.startsWith("alert ip $HOME_NET any -> [198.51.100.7,192.0.2.0/28] any")
                && r.contains(PLAIN)), body);
        assertFalse(body.contains("8.8.8.8"), body);
        assertFalse(body.contains("windowsupdate"), body);

        // the same rules next time; a new version keeps the sids and raises rev
        assertEquals(rules, dataLines(text(AMBER_MEMBER, "ferm-amber/suricata"), "#"));
        String changing = "indicator--" + UUID.randomUUID();
        post(indicator(changing, "[ipv4-addr:value = '198.51.100.201']", 10, null, false));
        String before = ipRule(changing);
        post(indicator(changing, "[ipv4-addr:value = '198.51.100.201' OR ipv4-addr:value = '198.51.100.202']", 10, null, false,
                "2026-11-23T10:00:00.000Z"));
        String after = ipRule(changing);
        assertTrue(after.contains("[198.51.100.201,198.51.100.202]"), after);
        assertEquals(sid(before), sid(after));
        assertTrue(rev(after) > rev(before), after);
    }

    static String ipRule(String indicatorId) {
        return dataLines(text(AMBER_MEMBER, "ferm-amber/suricata"), "#").stream()
                .filter(r -> r.contains(indicatorId) && r.startsWith("alert ip ")).findFirst().orElseThrow();
    }

    static long sid(String rule) {
        Matcher m = Pattern.compile(" sid:(\\d+);").matcher(rule);
        assertTrue(m.find(), rule);
        return Long.parseLong(m.group(1));
    }

    static long rev(String rule) {
        Matcher m = Pattern.compile(" rev:(\\d+);").matcher(rule);
        assertTrue(m.find(), rule);
        return Long.parseLong(m.group(1));
    }

    // --- Zeek ---------------------------------------------------------------------------------------

    @Test
    void zeekIntelHasTheFieldsHeaderAndOneTabSeparatedLinePerValue() {
        String body = text(AMBER_MEMBER, "ferm-amber/zeek");
        List<String> lines = lines(body);
        assertEquals("#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url", lines.get(0));
        Map<String, String> typeByValue = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\t", -1);
            assertEquals(5, f.length, l);
            for (String field : f) {
                assertFalse(field.isEmpty() || field.equals("-"), l);
            }
            assertEquals("CAMISO ndn/ferm-amber", f[2], l);
            assertTrue(f[4].matches("https?://[^\\s]+/ndn/x-camiso/objects/indicator--[0-9a-f-]{36}/actions/"), l);
            typeByValue.put(f[0], f[1]);
        }
        assertEquals("Intel::ADDR", typeByValue.get("203.0.113.9"));
        assertEquals("Intel::SUBNET", typeByValue.get("192.0.2.0/28"));
        assertEquals("Intel::DOMAIN", typeByValue.get("hostile-feed-test.example"));
        assertEquals("Intel::URL", typeByValue.get("hostile-feed-test.example/p;q?x='y"));
        assertFalse(typeByValue.containsKey("8.8.8.8"));
        // the hostile name stays inside its description field, control characters made spaces
        String hostile = lines.stream().filter(l -> l.startsWith("198.51.100.99\t")).findFirst().orElseThrow();
        assertTrue(hostile.split("\t")[3].endsWith("(" + HOSTILE + ")"), hostile);
        assertFalse(body.contains("\r"), body);
    }

    // --- STIX bundle ----------------------------------------------------------------------------------

    @Test
    void stixBundleHoldsTheIndicatorsAndTheirCoursesOfActionButNoAllowListedValue() throws Exception {
        Response r = as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/stix");
        r.then().statusCode(200).contentType("application/stix+json");
        JsonNode bundle = StixJson.mapper().readTree(r.asString());
        assertEquals("bundle", bundle.path("type").asText());
        assertTrue(bundle.path("id").asText().startsWith("bundle--"));
        Set<String> ids = new HashSet<>();
        bundle.path("objects").forEach(o -> ids.add(o.path("id").asText()));
        assertEquals(ids.size(), bundle.path("objects").size(), "each object once");
        // the sample indicator, its course of action, their relationship, the Dutch text, the author
        for (String id : List.of("indicator--675b0483-6873-4dd2-946a-3eb8a1ceee40", "course-of-action--171a028e-ee46-469a-8be4-6c67c9e88ec3",
                "relationship--aa2eb88d-31c8-47c3-b04a-5e0391450510", "language-content--2d3e4c96-8e9a-4e4a-9feb-6d8be7a58920",
                FeedsOverHttpTest.FERM_IDENTITY, HOSTILE)) {
            assertTrue(ids.contains(id), id + " missing: " + ids);
        }
        // the indicator with 8.8.8.8 in its pattern is left out whole
        assertFalse(ids.contains(PLAIN), ids.toString());
        // max: the most confident, then newest indicators, each with what it leads to
        List<JsonNode> indicators = new java.util.ArrayList<>();
        bundle.path("objects").forEach(o -> {
            if (o.path("type").asText().equals("indicator")) {
                indicators.add(o);
            }
        });
        assertTrue(indicators.size() >= 2, indicators.toString());
        indicators.sort(java.util.Comparator.comparing((JsonNode o) -> o.has("confidence") ? o.path("confidence").asInt() : -1)
                .reversed().thenComparing((JsonNode o) -> java.time.Instant.parse(o.path("modified").asText()),
                        java.util.Comparator.reverseOrder()).thenComparing(o -> o.path("id").asText()));
        for (int max = 1; max <= indicators.size(); max++) {
            JsonNode top = StixJson.mapper().readTree(as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/stix?max=" + max).asString());
            List<String> got = new java.util.ArrayList<>();
            top.path("objects").forEach(o -> {
                if (o.path("type").asText().equals("indicator")) {
                    got.add(o.path("id").asText());
                }
            });
            assertEquals(indicators.subList(0, max).stream().map(o -> o.path("id").asText()).toList(), got, "max=" + max);
        }
        as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/stix?explain=true").then().statusCode(400);
    }

    // --- an organisation's own networks and domains ------------------------------------------------

    @Test
    void anOrganisationNeverGetsItsOwnNetworksAndDomains() {
        // samples/camiso.yaml: koelhuis-botlek: [192.0.2.200/29, koelhuis-botlek.example]
        String id = "indicator--" + UUID.randomUUID();
        Response r = sample.anonymous().auth().preemptive().basic("ferm-analyst", "camiso-demo")
                .accept(TAXII).contentType(TAXII).body("{\"objects\":[" + indicator(id, "[ipv4-addr:value IN ('192.0.2.201',"
                        + " '192.0.2.0/24', '198.51.100.250')] OR [domain-name:value IN ('mail.koelhuis-botlek.example',"
                        + " 'koelhuis-botlek.example', 'own-network-feed-test.example')]", null, null, false)
                        .replace(nl.camiso.stix.marking.TlpMarkings.TLP2_AMBER, nl.camiso.stix.marking.TlpMarkings.TLP2_GREEN) + "]}")
                .post("ndn/collections/ferm-green/objects/");
        assertEquals(1, r.jsonPath().getInt("success_count"), r.asString());

        // koelhuis-botlek's account: its own address, a block covering it and its domains are left out
        List<String> ips = lines(text(GREEN_MEMBER, "ferm-green/ip"));
        assertTrue(ips.contains("198.51.100.250"), ips.toString());
        assertFalse(ips.stream().anyMatch(l -> l.startsWith("192.0.2.")), ips.toString());
        List<String> domains = lines(text(GREEN_MEMBER, "ferm-green/domain"));
        assertTrue(domains.contains("own-network-feed-test.example"), domains.toString());
        assertFalse(domains.stream().anyMatch(l -> l.contains("koelhuis-botlek")), domains.toString());
        String explained = text(GREEN_MEMBER, "ferm-green/ip?explain=true");
        assertTrue(explained.contains("# left out: 192.0.2.201 (" + id + "): in allow-listed 192.0.2.200/29"
                + " (own network or domain of koelhuis-botlek)\n"), explained);
        assertFalse(text(GREEN_MEMBER, "ferm-green/rpz").contains("koelhuis-botlek.example"));
        assertFalse(text(GREEN_MEMBER, "ferm-green/stix").contains(id), "an indicator with an own value is left out whole");

        // another member's account gets them (the address merged into the block): not on its own list
        assertTrue(lines(text(AMBER_MEMBER, "ferm-green/ip")).contains("192.0.2.0/24"));
        assertTrue(lines(text(AMBER_MEMBER, "ferm-green/domain")).contains("koelhuis-botlek.example"));
        assertFalse(text(AMBER_MEMBER, "ferm-green/ip?explain=true").contains("koelhuis-botlek"),
                "another organisation's own networks are not named to it");
    }

    // --- device list variants -------------------------------------------------------------------------

    @Test
    void urlAndDomainVariantsForPanOsFortiGateAndWildcardLists() {
        List<String> panos = lines(text(AMBER_MEMBER, "ferm-amber/url-panos"));
        assertTrue(panos.contains("plain-feed-test.example:8080/get?id=1"), panos.toString());
        assertFalse(panos.stream().anyMatch(l -> l.contains("://") || l.contains("*") || l.contains("#") || l.contains("u:p@")), panos.toString());
        assertTrue(panos.contains("hostile-feed-test.example/p;q?x='y"), panos.toString());
        String explained = text(AMBER_MEMBER, "ferm-amber/url-panos?explain=true");
        assertTrue(explained.contains("# left out: http://plain-feed-test.example/*.exe (" + PLAIN + "): holds a character PAN-OS reads as a wildcard"), explained);
        assertTrue(explained.contains("https://u:p@plain-feed-test.example/x (" + PLAIN + "): has user info"), explained);

        List<String> forti = lines(text(AMBER_MEMBER, "ferm-amber/url-fortigate"));
        assertTrue(forti.contains("plain-feed-test.example:8080/get?id=1"), forti.toString());
        assertFalse(forti.stream().anyMatch(l -> l.contains("*")), forti.toString());

        List<String> wildcard = lines(text(AMBER_MEMBER, "ferm-amber/domain-wildcard"));
        int i = wildcard.indexOf("plain-feed-test.example");
        assertTrue(i >= 0, wildcard.toString());
        assertEquals("*.plain-feed-test.example", wildcard.get(i + 1));
        assertFalse(wildcard.stream().anyMatch(l -> l.contains("windowsupdate")), wildcard.toString());
        assertEquals(2, lines(text(AMBER_MEMBER, "ferm-amber/domain-wildcard?max=1")).size());
        // the public collection without credentials, and an unknown format
        assertTrue(lines(sample.anonymous().get("ndn/x-camiso/feeds/ndn-clear/domain-wildcard").asString())
                .contains("*.mijn-digid-verlengen.example"));
        as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/snort").then().statusCode(404);
    }
}

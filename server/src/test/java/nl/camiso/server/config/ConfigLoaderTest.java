package nl.camiso.server.config;

import nl.camiso.server.identity.PasswordHasher;
import nl.camiso.server.identity.Role;
import nl.camiso.stix.marking.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    static final String MINIMAL = """
            server:
              title: Test
              demo: true
            api_roots:
              - name: ndn
                title: NDN
                collections:
                  - id: 6b0a9d37-1c1e-4a43-8c1e-3f0c5a1d2e01
                    alias: clear
                    title: NDN TLP:CLEAR
                    tlp: CLEAR
                  - id: 7c1b0e48-2d2f-4b54-9d2f-4a1d6b2e3f12
                    alias: amber
                    title: NDN TLP:AMBER
                    tlp: AMBER+STRICT
            accounts:
              - name: admin
                password: camiso-demo
                roles: [admin]
                grants:
                  - {collection: "*", api_root: ndn, read: true, write: true}
            """;

    private CamisoConfig load(String yaml) throws IOException {
        Path file = dir.resolve("camiso.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    private String problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        return String.join("\n", e.problems());
    }

    @Test
    void theProjectSampleConfigurationIsValid() {
        CamisoConfig c = ConfigLoader.loadDefault();
        assertTrue(c.server().demo());
        ApiRootConfig ndn = c.apiRoot("ndn").orElseThrow();
        assertTrue(ndn.collections().size() >= 2);
        AccountConfig admin = c.account("admin").orElseThrow();
        assertEquals(AccountConfig.DEMO_PASSWORD, admin.password());
        assertTrue(admin.roles().contains(Role.ADMIN));
        assertTrue(admin.grants().stream().anyMatch(g -> g.collection().equals("*") && g.read() && g.write()));
        assertTrue(ndn.collections().stream().anyMatch(col -> !col.load().isEmpty()));
    }

    @Test
    void minimalConfigurationGetsDefaultsAndTypedFields() throws IOException {
        CamisoConfig c = load(MINIMAL);
        assertEquals("127.0.0.1", c.server().bind());
        assertEquals(8080, c.server().port());
        assertEquals(1000, c.server().maxPageSize());
        assertEquals("./data", c.server().dataDir());
        ApiRootConfig root = c.apiRoot("ndn").orElseThrow();
        assertEquals(10L * 1024 * 1024, root.maxContentLength());
        assertEquals(Tlp.AMBER_STRICT, root.collection("amber").orElseThrow().tlp());
        assertEquals(Tlp.CLEAR, root.collection("6b0a9d37-1c1e-4a43-8c1e-3f0c5a1d2e01").orElseThrow().tlp());
        assertFalse(root.collection("clear").orElseThrow().isPublic());
    }

    @Test
    void catalogListsRootsAndCollectionsInFileOrder() throws IOException {
        ConfiguredCatalog catalog = new ConfiguredCatalog(load(MINIMAL));
        assertEquals("Test", catalog.title());
        assertEquals(1, catalog.apiRoots().size());
        assertEquals(10L * 1024 * 1024, catalog.apiRoot("ndn").orElseThrow().maxContentLength());
        assertEquals("clear", catalog.collections("ndn").get(0).alias());
        assertEquals("7c1b0e48-2d2f-4b54-9d2f-4a1d6b2e3f12", catalog.collection("ndn", "amber").orElseThrow().id());
        assertEquals(java.util.List.of(ConfiguredCatalog.STIX_MEDIA_TYPE), catalog.collections("ndn").get(0).mediaTypes());
        assertTrue(catalog.collection("ndn", "nope").isEmpty());
        assertTrue(catalog.collections("other").isEmpty());
    }

    @Test
    void unknownKeyIsAnErrorWithItsPath() {
        String p = problems(MINIMAL.replace("    alias: amber", "    alias: amber\n        tlp_level: RED"));
        assertTrue(p.contains("unknown key 'tlp_level'"), p);
        assertTrue(p.contains("api_roots[0].collections[1]"), p);
        assertTrue(p.contains("allowed:"), p);
    }

    @Test
    void typoInTopLevelKeyIsAnError() {
        assertTrue(problems(MINIMAL + "acounts: []\n").contains("unknown key 'acounts'"));
    }

    @Test
    void pendingMarkingTimeoutTakesADurationOrSeconds() throws Exception {
        assertEquals(java.time.Duration.ofMinutes(10), load(MINIMAL).server().ingest().pendingMarkingTimeout());
        String with = MINIMAL.replace("  title: Test", "  title: Test\n  ingest:\n    pending_marking_timeout: ");
        assertEquals(java.time.Duration.ofMinutes(30), load(with.replace("timeout: ", "timeout: PT30M"))
                .server().ingest().pendingMarkingTimeout());
        assertEquals(java.time.Duration.ofSeconds(90), load(with.replace("timeout: ", "timeout: 90"))
                .server().ingest().pendingMarkingTimeout());
        String p = problems(with.replace("timeout: ", "timeout: ten minutes"));
        assertTrue(p.contains("server.ingest.pending_marking_timeout: 'ten minutes' is neither an ISO-8601 duration"), p);
        p = problems(with.replace("timeout: ", "timeout: PT0S"));
        assertTrue(p.contains("server.ingest.pending_marking_timeout: must be longer than zero"), p);
    }

    @Test
    void statusRetentionIsADurationOfAtLeastADay() throws Exception {
        assertEquals(java.time.Duration.ofDays(7), load(MINIMAL).server().statuses().retention());
        String with = MINIMAL.replace("  title: Test", "  title: Test\n  statuses:\n    retention: ");
        assertEquals(java.time.Duration.ofDays(30), load(with.replace("retention: ", "retention: P30D"))
                .server().statuses().retention());
        assertEquals(java.time.Duration.ofHours(24), load(with.replace("retention: ", "retention: PT24H"))
                .server().statuses().retention());
        String p = problems(with.replace("retention: ", "retention: PT1H"));
        assertTrue(p.contains("server.statuses.retention: PT1H is too short: at least PT24H"), p);
        p = problems(with.replace("retention: ", "retention: a week"));
        assertTrue(p.contains("server.statuses.retention: 'a week' is not an ISO-8601 duration"), p);
    }

    @Test
    void feedSetsNameCollectionsOfTheirApiRootAndNoCollection() throws Exception {
        String sets = "        tlp: AMBER+STRICT\n    feed_sets:\n";
        CamisoConfig ok = load(MINIMAL.replace("        tlp: AMBER+STRICT\n", sets
                + "      everything: {title: All, collections: [clear, 7c1b0e48-2d2f-4b54-9d2f-4a1d6b2e3f12]}\n"
                + "      b-first: {collections: [amber]}\n"));
        var feedSets = ok.apiRoot("ndn").orElseThrow().feedSets();
        assertEquals(java.util.List.of("everything", "b-first"), java.util.List.copyOf(feedSets.keySet()));
        assertEquals(java.util.List.of("clear", "7c1b0e48-2d2f-4b54-9d2f-4a1d6b2e3f12"), feedSets.get("everything").collections());
        assertTrue(load(MINIMAL).apiRoot("ndn").orElseThrow().feedSets().isEmpty());

        String p = problems(MINIMAL.replace("        tlp: AMBER+STRICT\n", sets
                + "      amber: {collections: [clear]}\n"
                + "      6b0a9d37-1c1e-4a43-8c1e-3f0c5a1d2e99: {collections: [clear]}\n"
                + "      nowhere: {collections: [clear, no-such]}\n"
                + "      empty: {title: Nothing}\n"
                + "      \"bad name\": {collections: [clear]}\n"));
        assertTrue(p.contains("api_roots[0].feed_sets.amber: a feed set's name must not be a collection id or alias"), p);
        assertTrue(p.contains("api_roots[0].feed_sets.6b0a9d37-1c1e-4a43-8c1e-3f0c5a1d2e99: a feed set's name must not be"), p);
        assertTrue(p.contains("api_roots[0].feed_sets.nowhere.collections: 'no-such' is no collection of API root ndn"), p);
        assertTrue(p.contains("api_roots[0].feed_sets.empty.collections: at least one collection"), p);
        assertTrue(p.contains("api_roots[0].feed_sets.bad name: 'bad name' may only contain"), p);
        assertTrue(problems(MINIMAL.replace("        tlp: AMBER+STRICT\n", sets
                + "      x: {collections: [clear], colour: red}\n")).contains("unknown key 'colour'"));
    }

    @Test
    void feedAllowListTakesAddressesCidrsAndDomainsOnly() throws Exception {
        String ok = MINIMAL.replace("  title: Test", "  title: Test\n  feeds:\n    allow_list: [192.0.2.1, 2001:db8::/32, update.example]");
        assertEquals(3, load(ok).server().feeds().allowList().size());
        assertTrue(load(MINIMAL).server().feeds().allowList().isEmpty());
        String p = problems(MINIMAL.replace("  title: Test", "  title: Test\n  feeds:\n    allow_list: [\"not a host\", 10.1]"));
        assertTrue(p.contains("server.feeds.allow_list: 'not a host' is not an IP address, CIDR or domain name"), p);
        assertTrue(p.contains("server.feeds.allow_list: '10.1' is not"), p);
    }

    @Test
    void organisationAllowListsNameKnownOrganisationsAndValidEntries() throws Exception {
        String sample = Files.readString(Files.isRegularFile(Path.of("..", "samples", "camiso.yaml"))
                ? Path.of("..", "samples", "camiso.yaml") : Path.of("samples", "camiso.yaml"));
        assertTrue(sample.contains("      koelhuis-botlek: [192.0.2.200/29, koelhuis-botlek.example]\n"));
        String p = problems(MINIMAL.replace("  title: Test", "  title: Test\n  feeds:\n    organisation_allow_lists:\n"
                + "      no-such-org: [192.0.2.1, \"bad entry\"]"));
        assertTrue(p.contains("server.feeds.organisation_allow_lists: 'no-such-org' is not an organisation"), p);
        assertTrue(p.contains("server.feeds.organisation_allow_lists.no-such-org: 'bad entry' is not an IP address"), p);
        assertTrue(load(MINIMAL).server().feeds().organisationAllowLists().isEmpty());
    }

    @Test
    void duplicateYamlKeyIsAnError() {
        assertTrue(problems(MINIMAL.replace("  title: Test", "  title: Test\n  title: Again")).contains("title"));
    }

    @Test
    void badTlpLabelIsNamed() {
        String p = problems(MINIMAL.replace("tlp: AMBER+STRICT", "tlp: PURPLE"));
        assertTrue(p.contains("api_roots[0].collections[1].tlp"), p);
        assertTrue(p.contains("unknown TLP level 'PURPLE'"), p);
    }

    @Test
    void badRoleIsNamed() {
        String p = problems(MINIMAL.replace("roles: [admin]", "roles: [root]"));
        assertTrue(p.contains("unknown role 'root'"), p);
    }

    @Test
    void duplicateCollectionIdsAndAliases() {
        String p = problems(MINIMAL.replace("7c1b0e48-2d2f-4b54-9d2f-4a1d6b2e3f12", "6b0a9d37-1c1e-4a43-8c1e-3f0c5a1d2e01")
                .replace("alias: amber", "alias: clear"));
        assertTrue(p.contains("duplicate collection id 6b0a9d37-1c1e-4a43-8c1e-3f0c5a1d2e01"), p);
        assertTrue(p.contains("duplicate alias 'clear'"), p);
    }

    @Test
    void demoPasswordWithoutDemoModeIsRefused() {
        String p = problems(MINIMAL.replace("  demo: true\n", ""));
        assertTrue(p.contains("accounts[0].password: a plain password is only allowed with server.demo: true"), p);
    }

    @Test
    void passwordHashIsChecked() {
        String weak = "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA";
        String p = problems(MINIMAL.replace("  demo: true\n", "").replace("password: camiso-demo", "password_hash: \"" + weak + "\""));
        assertTrue(p.contains("1000 iterations"), p);
        String ok = PasswordHasher.hash("a-real-password");
        assertTrue(assertThrows(ConfigException.class, () -> load(MINIMAL.replace("  demo: true\n", "")))
                .getMessage().contains("password"));
        // a real hash without demo mode is fine
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> load(MINIMAL.replace("  demo: true\n", "")
                .replace("password: camiso-demo", "password_hash: \"" + ok + "\"")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "id not a UUID v4      | 6b0a9d37-1c1e-4a43-8c1e-3f0c5a1d2e01 | not-a-uuid                  | is not a lower-case RFC 4122 UUID version 4",
            "public on non-CLEAR   | tlp: AMBER+STRICT                    | tlp: AMBER\\n        public: true | only a TLP:CLEAR collection can be public",
            "red_accounts on AMBER | tlp: AMBER+STRICT                    | tlp: AMBER\\n        red_accounts: [admin] | only a TLP:RED collection names accounts",
            "grant on unknown root | api_root: ndn                        | api_root: nope              | unknown API root 'nope'",
            "grant unknown coll.   | collection: \"*\"                    | collection: missing         | no collection 'missing' in API root 'ndn'",
            "api root taxii2       | - name: ndn                          | - name: taxii2              | is the discovery path",
            "port out of range     | demo: true                           | demo: true\\n  port: 70000   | is not a port number",
            "unknown default root  | demo: true                           | demo: true\\n  default_api_root: x | is not one of the api_roots",
            "missing title         | title: Test                          | description: x              | server.title: required",
            "load file missing     | tlp: CLEAR                           | tlp: CLEAR\\n        load: [nope.json] | file not found: nope.json",
            "unknown initiative    | tlp: CLEAR                           | tlp: CLEAR\\n        initiative: ferm | is neither an initiative nor the hub organisation",
            "unknown organisation  | roles: [admin]                       | roles: [admin]\\n    organisation: acme | unknown organisation 'acme'",
            "jwt alg none          | demo: true                           | demo: true\\n  jwt: {issuer: i, audience: a, allowed_algorithms: [none]} | unsigned tokens are never accepted",
            "jwt RS256 no jwks     | demo: true                           | demo: true\\n  jwt: {issuer: i, audience: a, allowed_algorithms: [RS256]} | no jwks_file or jwks_url",
            "jwt http jwks         | demo: true                           | demo: true\\n  jwt: {issuer: i, audience: a, allowed_algorithms: [RS256], jwks_url: http://keys.example/jwks} | must be https://",
            "jwt lifetime 10 years | demo: true                           | demo: true\\n  jwt: {issuer: i, audience: a, max_lifetime_seconds: 315360000} | max_lifetime_seconds: must be between 60 and 31622400",
            "jwt lifetime 0        | demo: true                           | demo: true\\n  jwt: {issuer: i, audience: a, max_lifetime_seconds: 0} | max_lifetime_seconds: must be between",
            "grant nothing         | read: true, write: true              | read: false                 | grants neither read nor write",
            "clearance RED         | demo: true                           | demo: true\\norganisations: [{name: o, role: member}]\\ninitiatives: [{name: i, organisation: o, members: [{organisation: o, clearance: RED}]}] | must be GREEN, AMBER or AMBER+STRICT",
    })
    void invalidConfigurationsAreExplained(String name, String from, String to, String expected) {
        String yaml = MINIMAL.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        org.junit.jupiter.api.Assumptions.assumeTrue(!yaml.equals(MINIMAL), "replacement applied");
        String p = problems(yaml);
        assertTrue(p.contains(expected), name + ": " + p);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(MINIMAL.replace("  demo: true\n", "")
                .replace("tlp: AMBER+STRICT", "tlp: AMBER\n        public: true")));
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void sharingNetworkSectionsAreKept() throws IOException {
        CamisoConfig c = load(MINIMAL + """
                organisations:
                  - {name: ndn, title: NDN, role: hub, identity: identity--0b5e1c8e-1d2f-4a3b-8c4d-5e6f7a8b9c0d}
                  - {name: haven-x, title: Haven X, role: member}
                  - {name: ferm, title: FERM, role: initiative}
                initiatives:
                  - name: ferm
                    title: FERM
                    organisation: ferm
                    members:
                      - {organisation: haven-x, clearance: AMBER}
                """);
        assertEquals(OrganisationConfig.Role.HUB, c.organisations().get(0).role());
        assertEquals(Tlp.AMBER, c.initiatives().get(0).members().get(0).clearance());
    }
}

package nl.camiso.server;

import nl.camiso.server.identity.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import nl.camiso.server.access.AccessRules;
import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.stix.marking.TlpMarkings;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.stix.validation.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The demo network in {@code samples/}: its STIX files are valid, every object fits its
 * collection's TLP, every reference resolves to something the same readers can see, and the
 * server's access rules derive from membership and clearance exactly what domain.md's table says.
 */
class SamplesTest {

    private static final String DEMO_PASSWORD = "camiso-demo";
    private static final List<String> LEVELS = List.of("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED");

    private static Path samples;
    private static JsonNode config;
    /** collection alias -> its config entry, in config order. */
    private static final Map<String, JsonNode> collections = new LinkedHashMap<>();
    /** collection alias -> the objects its load files hold. */
    private static final Map<String, List<JsonNode>> objectsByCollection = new LinkedHashMap<>();
    /** object id -> the aliases of the collections it is loaded into. */
    private static final Map<String, Set<String>> collectionsById = new HashMap<>();
    /** object id -> the object (the first one seen; samples keep one version per id). */
    private static final Map<String, JsonNode> objectById = new HashMap<>();
    private static CamisoConfig parsedConfig;
    private static ConfiguredCatalog catalog;
    /** The server's access rules over the sample network, as {@code serve} builds them. */
    private static AccessRules policy;

    @BeforeAll
    static void load() throws IOException {
        samples = locateSamples();
        config = new YAMLMapper().readTree(samples.resolve("camiso.yaml").toFile());
        for (JsonNode root : config.path("api_roots")) {
            for (JsonNode c : root.path("collections")) {
                String alias = c.path("alias").asText();
                collections.put(alias, c);
                List<JsonNode> objects = new ArrayList<>();
                for (JsonNode file : c.path("load")) {
                    Path p = samples.resolve(file.asText());
                    if (!Files.isRegularFile(p)) {
                        continue; // reported by loadFilesExistAndEveryStixFileIsLoaded
                    }
                    StixJson.parse(Files.readAllBytes(p)).path("objects").forEach(objects::add);
                }
                objectsByCollection.put(alias, objects);
                for (JsonNode o : objects) {
                    String id = o.path("id").asText();
                    collectionsById.computeIfAbsent(id, k -> new TreeSet<>()).add(alias);
                    objectById.putIfAbsent(id, o);
                }
            }
        }
        assertFalse(collections.isEmpty(), "no collections in camiso.yaml");
        parsedConfig = ConfigLoader.load(samples.resolve("camiso.yaml"));
        catalog = new ConfiguredCatalog(parsedConfig);
        policy = AccessRules.network(catalog, Network.fixed(NetworkSnapshot.fromConfig(parsedConfig)));
    }

    private static Path locateSamples() {
        String configured = System.getProperty("camiso.samples.dir");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("..", "samples")); // surefire runs in server/
        candidates.add(Path.of("samples"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("camiso.yaml"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("samples/camiso.yaml not found (tried " + candidates + ")");
    }

    private static List<Path> stixFiles() throws IOException {
        try (Stream<Path> s = Files.list(samples.resolve("stix"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    // --- the STIX files ----------------------------------------------------------------------

    @Test
    void everyStixFileValidatesWithoutErrors() throws IOException {
        StixValidator validator = new StixValidator();
        List<String> problems = new ArrayList<>();
        for (Path file : stixFiles()) {
            JsonNode bundle = StixJson.parse(Files.readAllBytes(file));
            assertEquals("bundle", bundle.path("type").asText(), file + " is not a bundle");
            ValidationReport report = validator.validate(bundle);
            report.errors().forEach(e -> problems.add(file.getFileName() + ": " + e));
        }
        assertTrue(problems.isEmpty(), "validation errors:\n" + String.join("\n", problems));
    }

    @Test
    void loadFilesExistAndEveryStixFileIsLoaded() throws IOException {
        Set<Path> loaded = new HashSet<>();
        for (JsonNode c : collections.values()) {
            for (JsonNode file : c.path("load")) {
                Path p = samples.resolve(file.asText()).normalize();
                assertTrue(Files.isRegularFile(p), c.path("alias").asText() + " loads a missing file: " + p);
                loaded.add(p);
            }
        }
        for (Path file : stixFiles()) {
            assertTrue(loaded.contains(file.normalize()), file + " is not loaded by any collection");
        }
    }

    @Test
    void idsAreUuidV4AndTimestampsHaveMillisecondsAndModifiedIsNotBeforeCreated() {
        forEachObject((alias, o) -> {
            String id = o.path("id").asText();
            String type = o.path("type").asText();
            assertTrue(id.startsWith(type + "--"), id + ": id prefix is not its type");
            assertEquals(4, UUID.fromString(id.substring(type.length() + 2)).version(), id + ": not a UUIDv4");
            String created = o.path("created").asText();
            String modified = o.path("modified").asText();
            for (String t : List.of(created, modified)) {
                assertTrue(t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), id + ": timestamp " + t);
            }
            assertFalse(Instant.parse(modified).isBefore(Instant.parse(created)), id + ": modified before created");
        });
    }

    @Test
    void everyObjectCarriesATlpMarkingNoStricterThanItsCollection() {
        forEachObject((alias, o) -> {
            Tlp collectionTlp = Tlp.fromLabel(collections.get(alias).path("tlp").asText());
            List<String> refs = new ArrayList<>();
            o.path("object_marking_refs").forEach(r -> refs.add(r.asText()));
            o.path("granular_markings").forEach(g -> {
                if (g.has("marking_ref")) {
                    refs.add(g.path("marking_ref").asText());
                }
            });
            String id = o.path("id").asText();
            assertTrue(refs.stream().anyMatch(TlpMarkings::isTlpMarking), id + " in " + alias + " has no TLP marking");
            for (String ref : refs) {
                Tlp level = TlpMarkings.levelOf(ref)
                        .orElseThrow(() -> new AssertionError(id + ": unknown marking " + ref));
                assertFalse(level.isStricterThan(collectionTlp),
                        id + " is TLP:" + level.label() + " but sits in " + alias + " (TLP:" + collectionTlp.label() + ")");
            }
        });
    }

    @Test
    void everyReferenceResolvesToAnObjectTheSameReadersMaySee() {
        Map<String, Set<String>> readers = readersByCollection();
        forEachObject((alias, o) -> forEachRef(o, ref -> {
            if (ref.startsWith("marking-definition--")) {
                assertTrue(TlpMarkings.isTlpMarking(ref), o.path("id").asText() + ": unknown marking " + ref);
                return;
            }
            Set<String> holders = collectionsById.get(ref);
            assertNotNull(holders, o.path("id").asText() + " in " + alias + " refers to " + ref + ", which is in no sample");
            // a reader of this collection must be able to read the target somewhere, or the reference leaks or dangles
            boolean visible = holders.stream().anyMatch(h -> readers.get(h).containsAll(readers.get(alias)));
            assertTrue(visible, o.path("id").asText() + " in " + alias + " refers to " + ref + " in " + holders
                    + ", which not every reader of " + alias + " may read");
        }));
    }

    @Test
    void languageContentMatchesTheExactVersionOfItsObject() {
        int checked = 0;
        for (JsonNode o : objectById.values()) {
            if (!"language-content".equals(o.path("type").asText())) {
                continue;
            }
            JsonNode target = objectById.get(o.path("object_ref").asText());
            assertNotNull(target, o.path("id").asText() + ": object_ref does not resolve");
            assertEquals(target.path("modified").asText(), o.path("object_modified").asText(),
                    o.path("id").asText() + ": object_modified differs from the target's modified");
            assertTrue(o.path("contents").path("nl").has("name") && o.path("contents").path("nl").has("description"),
                    o.path("id").asText() + ": no Dutch name and description");
            checked++;
        }
        assertTrue(checked > 0, "no language-content in the samples");
    }

    @Test
    void everyCourseOfActionHasDutchTextAndIsLinkedToThreatInformation() {
        Set<String> translated = new HashSet<>();
        Set<String> linked = new HashSet<>();
        for (JsonNode o : objectById.values()) {
            switch (o.path("type").asText()) {
                case "language-content" -> translated.add(o.path("object_ref").asText());
                case "relationship" -> {
                    String type = o.path("relationship_type").asText();
                    if (type.equals("mitigates") || type.equals("remediates")) {
                        linked.add(o.path("source_ref").asText());
                    }
                }
                default -> { }
            }
        }
        objectById.values().stream().filter(o -> "course-of-action".equals(o.path("type").asText())).forEach(coa -> {
            String id = coa.path("id").asText();
            assertTrue(translated.contains(id), id + " has no Dutch language-content");
            assertTrue(linked.contains(id), id + " mitigates or remediates nothing");
        });
    }

    // --- the configuration -------------------------------------------------------------------

    @Test
    void everyOrganisationHasItsIdentityObject() {
        for (JsonNode org : config.path("organisations")) {
            String name = org.path("name").asText();
            JsonNode identity = objectById.get(org.path("identity").asText());
            assertNotNull(identity, name + ": identity " + org.path("identity").asText() + " is in no sample");
            assertEquals("identity", identity.path("type").asText(), name);
            assertEquals("organization", identity.path("identity_class").asText(), name);
            assertEquals(org.path("title").asText(), identity.path("name").asText(), name + ": identity name differs from title");
        }
    }

    @Test
    void collectionsAreWellFormed() {
        Set<String> ids = new HashSet<>();
        Set<String> initiatives = new HashSet<>();
        config.path("initiatives").forEach(i -> initiatives.add(i.path("name").asText()));
        for (JsonNode c : collections.values()) {
            String alias = c.path("alias").asText();
            String tlp = c.path("tlp").asText();
            assertEquals(4, UUID.fromString(c.path("id").asText()).version(), alias + ": id is not a UUIDv4");
            assertTrue(ids.add(c.path("id").asText()), alias + ": duplicate id");
            assertTrue(LEVELS.contains(tlp), alias + ": tlp " + tlp);
            assertTrue(initiatives.contains(c.path("initiative").asText()), alias + ": unknown initiative");
            assertEquals(tlp.equals("RED"), c.has("red_accounts"), alias + ": red_accounts exactly on RED collections");
            if (c.path("public").asBoolean(false)) {
                assertEquals("CLEAR", tlp, alias + ": only CLEAR collections may be public");
            }
        }
        assertTrue(collections.values().stream().anyMatch(c -> c.path("public").asBoolean(false)), "no public collection");
    }

    @Test
    void demoAccountsAreComplete() {
        assertTrue(config.path("server").path("demo").asBoolean(), "samples are a demo: server.demo must be true");
        Map<String, JsonNode> accounts = accounts();
        accounts.values().forEach(a -> assertEquals(DEMO_PASSWORD, a.path("password").asText(), a.path("name").asText()));
        assertEquals("admin", accounts.get("admin").path("roles").path(0).asText());
        assertTrue(accounts.get("admin").path("grants").findValuesAsText("collection").contains("*"));
        assertEquals("supervisor", accounts.get("supervisor").path("roles").path(0).asText());
        assertFalse(accounts.get("supervisor").has("grants"), "the supervisor reads the audit trail, not threat data");
        for (JsonNode org : config.path("organisations")) {
            String role = org.path("role").asText();
            if (role.equals("hub") || role.equals("supervisor")) {
                continue; // the hub is operated by the admin account, the supervisory board by `supervisor`
            }
            String name = org.path("name").asText();
            JsonNode analyst = accounts.get(name + "-analyst");
            assertNotNull(analyst, "no account " + name + "-analyst");
            assertEquals(name, analyst.path("organisation").asText());
        }
        for (String required : List.of("ncsc", "aivd", "mivd", "isac-energie", "dtc", "ferm", "cyssec", "brainport", "ddca", "htsm")) {
            assertTrue(accounts.containsKey(required + "-analyst"), "missing " + required + "-analyst");
        }
    }

    /** The server's rules (membership, clearance, RED accounts) give exactly what domain.md's table says. */
    @Test
    void derivedReadRightsEqualWhatMembershipAndClearanceAllow() {
        Map<String, Map<String, String>> clearances = new HashMap<>(); // initiative -> organisation -> clearance
        Map<String, String> runners = new HashMap<>(); // initiative -> the organisation running it
        for (JsonNode i : config.path("initiatives")) {
            Map<String, String> m = new HashMap<>();
            i.path("members").forEach(x -> m.put(x.path("organisation").asText(), x.path("clearance").asText()));
            clearances.put(i.path("name").asText(), m);
            runners.put(i.path("name").asText(), i.path("organisation").asText());
        }
        Map<String, Set<String>> readers = readersByCollection();
        for (JsonNode account : accounts().values()) {
            if (account.has("roles")) {
                continue; // admin and supervisor: role-based, checked below
            }
            String name = account.path("name").asText();
            String org = account.path("organisation").asText();
            for (JsonNode c : collections.values()) {
                String alias = c.path("alias").asText();
                String tlp = c.path("tlp").asText();
                String initiative = c.path("initiative").asText();
                boolean expected = switch (tlp) {
                    case "CLEAR" -> true;
                    case "RED" -> contains(c.path("red_accounts"), name);
                    default -> {
                        String clearance = org.equals(runners.get(initiative)) ? "AMBER+STRICT"
                                : clearances.getOrDefault(initiative, Map.of()).get(org);
                        yield clearance != null && LEVELS.indexOf(clearance) >= LEVELS.indexOf(tlp);
                    }
                };
                assertEquals(expected, readers.get(alias).contains(name), name + " read " + alias);
            }
        }
        for (String alias : collections.keySet()) {
            assertTrue(readers.get(alias).contains("admin"), "admin reads " + alias);
            assertFalse(readers.get(alias).contains("supervisor"), "the supervisor reads no threat data: " + alias);
        }
        assertEquals(Set.of("ndn-clear"), collections.keySet().stream()
                .filter(a -> readers.get(a).contains("(anonymous)")).collect(java.util.stream.Collectors.toSet()));
    }

    /** The analysts need no explicit grants any more: membership and clearance give them their rights. */
    @Test
    void analystsHaveNoExplicitGrants() {
        for (JsonNode account : accounts().values()) {
            if (!account.has("roles")) {
                assertFalse(account.has("grants"), account.path("name").asText() + " has explicit grants");
            }
        }
    }

    /**
     * Derived write rights: the running organisation writes its initiative's collections; the hub's
     * sources and intermediaries publish into the hub collections they may read; members report
     * into reporting collections (write-only where their clearance is lower). Everyone else
     * writes only what it may read.
     */
    @Test
    void writersMayReadWhatTheyWriteExceptIntoReportingCollections() {
        for (JsonNode account : accounts().values()) {
            String name = account.path("name").asText();
            Requester r = requester(name);
            for (CollectionInfo c : catalog.collections("ndn")) {
                JsonNode cfg = collections.get(c.alias());
                if (policy.canWrite(r, c) && !cfg.path("reporting").asBoolean(false)) {
                    assertTrue(policy.canRead(r, c), name + " writes " + c.alias() + " without being allowed to read it");
                }
            }
        }
        // the story's writers
        assertTrue(policy.canWrite(requester("isac-energie-analyst"), collection("isac-energie-amber")));
        assertTrue(policy.canWrite(requester("dtc-analyst"), collection("dtc-green")));
        assertTrue(policy.canWrite(requester("amstel-dc-analyst"), collection("ddca-reports")));
        assertFalse(policy.canWrite(requester("amstel-dc-analyst"), collection("ddca-green")));
        assertTrue(policy.canWrite(requester("ferm-analyst"), collection("ndn-reports")));
        assertFalse(policy.canRead(requester("ferm-analyst"), collection("ndn-reports")));
        assertFalse(policy.canWrite(requester("maasvlakte-stuwadoors-analyst"), collection("ndn-reports")));
        assertFalse(policy.canWrite(requester("ncsc-analyst"), collection("isac-energie-amber")));
        assertFalse(policy.canRead(requester("kempen-precisie-analyst"), collection("isac-energie-amber")));
    }

    // --- helpers -----------------------------------------------------------------------------

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, JsonNode> accounts() {
        Map<String, JsonNode> accounts = new LinkedHashMap<>();
        config.path("accounts").forEach(a -> assertNull(accounts.put(a.path("name").asText(), a), "duplicate account"));
        return accounts;
    }

    private static void assertNull(Object o, String message) {
        if (o != null) {
            fail(message);
        }
    }

    /** Account names that may read each collection per the server's rules; "(anonymous)" for public collections. */
    private static Map<String, Set<String>> readersByCollection() {
        Map<String, Set<String>> readers = new HashMap<>();
        for (CollectionInfo c : catalog.collections("ndn")) {
            Set<String> r = new TreeSet<>();
            if (policy.canRead(Principal.ANONYMOUS, c)) {
                r.add("(anonymous)");
            }
            for (String name : accounts().keySet()) {
                if (policy.canRead(requester(name), c)) {
                    r.add(name);
                }
            }
            readers.put(c.alias(), r);
        }
        return readers;
    }

    /** The configured account as the server would see it after seeding (grants resolved to collection ids). */
    private static Requester requester(String name) {
        AccountConfig a = parsedConfig.account(name).orElseThrow();
        List<Grant> grants = a.grants().stream().map(g -> new Grant(g.apiRoot(),
                AccountStore.resolveCollection(parsedConfig, g.apiRoot(), g.collection()), g.read(), g.write())).toList();
        return Principal.of(new Account(a.name(), a.organisation(), a.roles(), grants, null));
    }

    private static CollectionInfo collection(String alias) {
        return catalog.collection("ndn", alias).orElseThrow();
    }

    private static void forEachObject(BiConsumer<String, JsonNode> check) {
        objectsByCollection.forEach((alias, objects) -> objects.forEach(o -> check.accept(alias, o)));
    }

    /** Every string under a property named {@code *_ref} or {@code *_refs}, at any depth. */
    private static void forEachRef(JsonNode node, java.util.function.Consumer<String> action) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().endsWith("_ref") && e.getValue().isTextual()) {
                    action.accept(e.getValue().asText());
                } else if (e.getKey().endsWith("_refs") && e.getValue().isArray()) {
                    e.getValue().forEach(v -> action.accept(v.asText()));
                } else {
                    forEachRef(e.getValue(), action);
                }
            });
        } else if (node.isArray()) {
            node.forEach(v -> forEachRef(v, action));
        }
    }
}

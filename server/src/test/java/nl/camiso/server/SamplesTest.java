package nl.camiso.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import nl.camiso.stix.StixJson;
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
 * configuration's explicit grants are exactly what membership and clearance allow (domain.md).
 * These are the invariants the sharing-network rules (issue 4) will enforce on this data at load time.
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

    /** Until issue 4 derives access, the explicit read grants must equal what domain.md's table gives. */
    @Test
    void explicitReadGrantsEqualWhatMembershipAndClearanceAllow() {
        Map<String, Map<String, String>> clearances = new HashMap<>(); // initiative -> organisation -> clearance
        for (JsonNode i : config.path("initiatives")) {
            Map<String, String> m = new HashMap<>();
            i.path("members").forEach(x -> m.put(x.path("organisation").asText(), x.path("clearance").asText()));
            clearances.put(i.path("name").asText(), m);
        }
        Map<String, Set<String>> readers = readersByCollection();
        for (JsonNode account : accounts().values()) {
            if (account.has("roles")) {
                continue; // admin and supervisor have role-based access
            }
            String name = account.path("name").asText();
            String org = account.path("organisation").asText();
            for (JsonNode c : collections.values()) {
                String alias = c.path("alias").asText();
                String tlp = c.path("tlp").asText();
                boolean expected = switch (tlp) {
                    case "CLEAR" -> true;
                    case "RED" -> contains(c.path("red_accounts"), name);
                    default -> {
                        String clearance = clearances.getOrDefault(c.path("initiative").asText(), Map.of()).get(org);
                        yield clearance != null && LEVELS.indexOf(clearance) >= LEVELS.indexOf(tlp);
                    }
                };
                assertEquals(expected, readers.get(alias).contains(name), name + " read " + alias);
            }
        }
    }

    @Test
    void writersMayReadWhatTheyWriteExceptIntoReportingCollections() {
        for (JsonNode account : accounts().values()) {
            for (JsonNode g : account.path("grants")) {
                if (!g.path("write").asBoolean() || g.path("collection").asText().equals("*")) {
                    continue;
                }
                JsonNode c = collections.get(g.path("collection").asText());
                assertNotNull(c, account.path("name").asText() + ": grant on unknown collection " + g.path("collection"));
                if (!c.path("reporting").asBoolean(false)) {
                    assertTrue(g.path("read").asBoolean(), account.path("name").asText() + " writes " + g.path("collection")
                            + " without being allowed to read it");
                }
            }
        }
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

    /** Account names that may read each collection per the explicit grants; "(anonymous)" for public collections. */
    private static Map<String, Set<String>> readersByCollection() {
        Map<String, Set<String>> readers = new HashMap<>();
        for (JsonNode c : collections.values()) {
            Set<String> r = new TreeSet<>();
            if (c.path("public").asBoolean(false)) {
                r.add("(anonymous)");
            }
            readers.put(c.path("alias").asText(), r);
        }
        for (JsonNode a : config.path("accounts")) {
            for (JsonNode g : a.path("grants")) {
                if (!g.path("read").asBoolean()) {
                    continue;
                }
                String target = g.path("collection").asText();
                for (JsonNode c : collections.values()) {
                    if (target.equals("*") || target.equals(c.path("alias").asText()) || target.equals(c.path("id").asText())) {
                        readers.get(c.path("alias").asText()).add(a.path("name").asText());
                    }
                }
            }
        }
        return readers;
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

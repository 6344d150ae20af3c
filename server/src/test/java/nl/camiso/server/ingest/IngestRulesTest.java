package nl.camiso.server.ingest;

import nl.camiso.server.access.AccessRules;
import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Role;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.marking.TlpMarkings;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.IngestVerdict;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.taxii.testing.MemoryStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link IngestRules#judge} on the sample network, over an in-memory store: one verdict per object, per envelope. */
class IngestRulesTest {

    static final String NCSC_IDENTITY = "identity--209793f3-d1b6-419c-a17b-93ecda28c405";
    static final String NDN_RED = "9693ebaf-7c27-49b1-bc78-61ba4b898934";

    static CamisoConfig config;
    static ConfiguredCatalog catalog;
    static NetworkSnapshot sample;

    MemoryStore store;
    AtomicReference<NetworkSnapshot> network;
    IngestRules rules;

    @BeforeAll
    static void loadConfig() {
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        config = ConfigLoader.load(samples.resolve("camiso.yaml"));
        catalog = new ConfiguredCatalog(config);
        sample = NetworkSnapshot.fromConfig(config);
    }

    @BeforeEach
    void rules() {
        store = new MemoryStore();
        network = new AtomicReference<>(sample);
        // what the requesters here may read does not change with the networks these tests swap in
        AccessRules access = AccessRules.network(catalog, Network.fixed(sample));
        rules = new IngestRules(() -> config, catalog, store, access, network::get);
    }

    static Requester account(String name, String organisation, Role... roles) {
        return Principal.of(new Account(name, organisation, Set.of(roles), List.of(), null));
    }

    static CollectionInfo collection(String idOrAlias) {
        return catalog.collection("ndn", idOrAlias).orElseThrow();
    }

    static StixObject object(String json) {
        try {
            return StixObject.of(StixJson.parse(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static StixObject indicator(String id, String marking, String createdBy) {
        return object("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + (createdBy == null ? "" : "\"created_by_ref\":\"" + createdBy + "\",")
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"2026-11-21T10:00:00Z\""
                + (marking == null ? "" : ",\"object_marking_refs\":[\"" + marking + "\"]") + "}");
    }

    static StixObject relationship(String source, String target) {
        return object("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--" + UUID.randomUUID() + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"relationship_type\":\"related-to\",\"source_ref\":\"" + source + "\",\"target_ref\":\"" + target + "\"}");
    }

    static String id(String type) {
        return type + "--" + UUID.randomUUID();
    }

    void stored(String collection, StixObject o) {
        store.add("ndn", collection(collection).id(), "test", 1, 1,
                List.of(new IncomingObject(o, StixJson.writeBytes(o.json()))), List.of());
    }

    @Test
    void oneVerdictPerObjectInTheOrderSent() {
        List<IngestVerdict> v = rules.judge(account("n", "ncsc"), collection("ndn-green"), List.of(
                indicator(id("indicator"), TlpMarkings.TLP2_GREEN, null),
                indicator(id("indicator"), TlpMarkings.TLP2_AMBER, null),
                indicator(id("indicator"), null, NCSC_IDENTITY)));
        assertEquals(3, v.size());
        assertFalse(v.get(0).refused());
        assertTrue(v.get(1).refusal().startsWith("object is TLP:AMBER, collection ndn-green is TLP:GREEN"), v.get(1).refusal());
        assertFalse(v.get(2).refused(), "its own organisation as creator");
        assertTrue(rules.judge(account("n", "ncsc"), collection("ndn-green"), List.of()).isEmpty());
    }

    @Test
    void aReferenceToAnAcceptableSiblingIsSeenToARefusedOneIsNot() {
        String green = id("indicator");
        String amber = id("indicator");
        List<IngestVerdict> v = rules.judge(account("n", "ncsc"), collection("ndn-green"), List.of(
                indicator(green, null, null), indicator(amber, TlpMarkings.TLP2_AMBER, null),
                relationship(green, green), relationship(green, amber)));
        assertNull(v.get(2).refusal());
        assertTrue(v.get(3).refusal().startsWith("refers to " + amber), v.get(3).refusal());
    }

    @Test
    void anEnvelopeIsJudgedAloneNothingCarriesOverFromTheLastOne() {
        String green = id("indicator");
        StixObject link = relationship(green, green);
        CollectionInfo ndnGreen = collection("ndn-green");
        assertNull(rules.judge(account("n", "ncsc"), ndnGreen, List.of(indicator(green, null, null), link)).get(1).refusal());
        // the same relationship alone: its source is neither in this envelope nor stored, so it is
        // accepted with the warning for references to ids the poster cannot see anywhere
        IngestVerdict alone = rules.judge(account("n", "ncsc"), ndnGreen, List.of(link)).get(0);
        assertFalse(alone.refused());
        assertTrue(alone.warning() != null && alone.warning().contains("neither in this envelope nor in a collection you may read"),
                String.valueOf(alone.warning()));
    }

    @Test
    void aStoredReferenceCountsOnlyInACollectionWhoseReadersCoverTheTarget() {
        String clear = id("indicator");
        String amber = id("indicator");
        stored("ndn-clear", indicator(clear, null, null));
        stored("ndn-amber", indicator(amber, null, null));
        List<IngestVerdict> v = rules.judge(account("n", "ncsc"), collection("ndn-green"), List.of(
                relationship(clear, clear), relationship(clear, amber)));
        assertNull(v.get(0).refusal());
        assertTrue(v.get(1).refusal().startsWith("refers to " + amber), v.get(1).refusal());
        // ndn-red's readers are three source analysts who all read ndn-amber
        assertNull(rules.judge(account("ncsc-analyst", "ncsc"), collection(NDN_RED),
                List.of(relationship(clear, amber))).get(0).refusal());
    }

    @Test
    void aChangedNetworkIsUsedFromTheNextEnvelopeOn() {
        String amber = id("indicator");
        stored("ndn-amber", indicator(amber, null, null));
        Requester ncsc = account("ncsc-analyst", "ncsc");
        StixObject link = relationship(amber, amber);
        assertNull(rules.judge(ncsc, collection(NDN_RED), List.of(link)).get(0).refusal());
        // a FERM analyst (GREEN for the hub) is named on ndn-red: ndn-amber no longer covers its readers
        Map<String, Set<String>> red = new HashMap<>(sample.redAccounts());
        red.put(NDN_RED, Set.of("ncsc-analyst", "aivd-analyst", "mivd-analyst", "ferm-analyst"));
        network.set(sample.withRedAccounts(red));
        assertTrue(rules.judge(ncsc, collection(NDN_RED), List.of(link)).get(0).refused());
    }

    @Test
    void markingDefinitionsCarriedInTheEnvelopeAreUnderstood() {
        String statement = "marking-definition--" + UUID.randomUUID();
        StixObject definition = object("{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + statement
                + "\",\"created\":\"2026-11-21T10:00:00.000Z\",\"definition_type\":\"statement\","
                + "\"definition\":{\"statement\":\"Copyright NCSC\"}}");
        StixObject marked = indicator(id("indicator"), statement, null);
        assertFalse(rules.judge(account("n", "ncsc"), collection("ndn-green"), List.of(definition, marked)).get(1).refused());
        // without it, the object waits for the definition (INGEST.md, "Marking definitions that have not arrived yet")
        var waiting = rules.judge(account("n", "ncsc"), collection("ndn-green"), List.of(marked)).get(0);
        assertEquals(Set.of(statement), waiting.awaiting(), waiting.toString());
        assertTrue(waiting.waitReason().startsWith("waiting for the definition of marking " + statement), waiting.waitReason());
    }

    @Test
    void theCreatorMustBeTheOwnOrganisationExceptForOperators() {
        StixObject asNcsc = indicator(id("indicator"), null, NCSC_IDENTITY);
        String why = rules.judge(account("d", "dtc"), collection("ndn-green"), List.of(asNcsc)).get(0).refusal();
        assertTrue(why.contains("not the identity of your organisation dtc"), why);
        assertFalse(rules.judge(account("op", null, Role.ADMIN), collection("ndn-green"), List.of(asNcsc)).get(0).refused());
    }
}

package nl.camiso.server.actions;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.audit.AuditSink;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.TaxiiApi;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.testing.MemoryStore;
import nl.camiso.taxii.testing.TestAuthFilter;
import nl.camiso.taxii.testing.TestCatalog;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static nl.camiso.taxii.testing.ObjectStoreContract.incoming;
import static nl.camiso.taxii.testing.ObjectStoreContract.indicator;
import static nl.camiso.taxii.testing.ObjectStoreContract.newId;
import static nl.camiso.taxii.testing.ObjectStoreContract.note;
import static nl.camiso.taxii.testing.ObjectStoreContract.relationship;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The perspective-for-action endpoint on the in-memory store: it needs nothing of the database,
 * only the object store, so its rules can be tested without one. alice reads the collections rw
 * and ro of {@link TestCatalog}, not none.
 */
class ActionsOnMemoryStoreTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String IND = newId("indicator");
    static final String COA = newId("course-of-action");
    static final String HIDDEN_COA = newId("course-of-action");
    static final String MITIGATES = newId("relationship");
    static final String TO_HIDDEN_COA = newId("relationship");
    static final String HIDDEN_LINK = newId("relationship");
    static final String DUTCH = newId("language-content");
    static final String NOTE = newId("note");
    static final String HIDDEN_IND = newId("indicator");

    static final MemoryStore STORE = new MemoryStore();
    static HttpServer server;

    @BeforeAll
    static void start() {
        add(TestCatalog.RW, indicator(IND, "2021-01-01T00:00:00.000Z"),
                link(MITIGATES, COA, IND), link(TO_HIDDEN_COA, HIDDEN_COA, IND),
                note(NOTE, "2021-01-01T00:00:00.000Z", IND));
        add(TestCatalog.RO, courseOfAction(COA), incoming("{\"type\":\"language-content\",\"spec_version\":\"2.1\","
                + "\"id\":\"" + DUTCH + "\",\"created\":\"2021-01-01T00:00:00.000Z\",\"modified\":\"2021-01-01T00:00:00.000Z\","
                + "\"object_ref\":\"" + COA + "\",\"object_modified\":\"2021-01-01T00:00:00.000Z\","
                + "\"contents\":{\"nl\":{\"name\":\"Blokkeer het adres\"}}}"));
        add(TestCatalog.NONE, courseOfAction(HIDDEN_COA), link(HIDDEN_LINK, HIDDEN_COA, IND),
                indicator(HIDDEN_IND, "2021-01-01T00:00:00.000Z"));

        TestCatalog catalog = new TestCatalog();
        TaxiiServices taxii = new TaxiiServices(catalog, STORE, catalog, new StixValidator(), 100);
        CamisoExtensions extensions = new CamisoExtensions(new CamisoExtensions.Services(taxii, new ObjectGraph(STORE),
                null, null, new Sanitiser(Set.of()), AuditSink.none()));
        ResourceConfig app = new ResourceConfig().register(new TaxiiApi(taxii)).register(TestAuthFilter.class)
                .register(extensions);
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
    }

    @AfterAll
    static void stop() {
        server.shutdownNow();
    }

    static void add(CollectionInfo collection, IncomingObject... objects) {
        STORE.add("ndn", collection.id(), "alice", 1L, objects.length, List.of(objects), List.of());
    }

    static IncomingObject link(String id, String coa, String target) {
        return incoming(new String(relationship(id, "2021-01-01T00:00:00.000Z", coa, target).json())
                .replace("\"indicates\"", "\"mitigates\""));
    }

    static IncomingObject courseOfAction(String id) {
        return incoming("{\"type\":\"course-of-action\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2021-01-01T00:00:00.000Z\",\"modified\":\"2021-01-01T00:00:00.000Z\",\"name\":\"Block\"}");
    }

    static RequestSpecification alice() {
        return RestAssured.given().baseUri("http://127.0.0.1:" + server.getListener("grizzly").getPort())
                .header("X-Test-User", "alice").accept(TAXII);
    }

    @Test
    void theObjectItsReadableCourseOfActionWithTranslationAndTheNotesOnIt() {
        List<String> ids = alice().get("ndn/x-camiso/objects/" + IND + "/actions/")
                .then().statusCode(200).contentType(TAXII).extract().jsonPath().getList("objects.id");
        assertEquals(IND, ids.get(0));
        assertEquals(Set.of(IND, COA, MITIGATES, DUTCH, NOTE), Set.copyOf(ids), ids.toString());
        assertEquals(5, ids.size(), ids.toString());
    }

    @Test
    void objectsOnlyInCollectionsTheRequesterMayNotReadAreNotFound() {
        alice().get("ndn/x-camiso/objects/" + HIDDEN_IND + "/actions/").then().statusCode(404).contentType(TAXII);
        alice().get("ndn/x-camiso/objects/" + newId("indicator") + "/actions/").then().statusCode(404).contentType(TAXII);
    }
}

package nl.camiso.taxii.testing;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.TaxiiApi;
import nl.camiso.taxii.TaxiiServices;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.net.URI;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/** Runs the TAXII layer on Grizzly over the in-memory test double; each test starts with an empty store. */
public abstract class HttpTestBase {

    public static final String TAXII = "application/taxii+json;version=2.1";
    public static final int MAX_PAGE = 5;
    public static final String RW = "/ndn/collections/" + TestCatalog.RW.id() + "/";

    protected static final MemoryStore STORE = new MemoryStore();
    private static HttpServer server;
    protected static int port;

    @BeforeAll
    static void startServer() {
        TestCatalog catalog = new TestCatalog();
        TaxiiServices services = new TaxiiServices(catalog, STORE, catalog, catalog, new StixValidator(), MAX_PAGE);
        ResourceConfig rc = new ResourceConfig().register(new TaxiiApi(services)).register(TestAuthFilter.class);
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), rc);
        port = server.getListener("grizzly").getPort();
        RestAssured.port = port;
        RestAssured.config = RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    @AfterAll
    static void stopServer() {
        server.shutdownNow();
    }

    @BeforeEach
    void emptyStore() {
        STORE.clear();
    }

    /** A request as alice with the TAXII Accept header. */
    protected static RequestSpecification alice() {
        return RestAssured.given().header("Accept", TAXII).header("X-Test-User", "alice");
    }

    /** A second reader with the same rights as alice. */
    protected static RequestSpecification carol() {
        return RestAssured.given().header("Accept", TAXII).header("X-Test-User", "carol");
    }

    protected static RequestSpecification anonymous() {
        return RestAssured.given().header("Accept", TAXII);
    }

    /** Asserts a TAXII error resource with the right status and media type. */
    protected static ValidatableResponse error(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType(equalTo(TAXII))
                .body("http_status", equalTo(Integer.toString(status)))
                .body("title", org.hamcrest.Matchers.notNullValue());
    }

    public static String newId(String type) {
        return type + "--" + UUID.randomUUID();
    }

    public static String indicator(String id, String modified) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2021-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\","
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2021-01-01T00:00:00Z\"}";
    }

    public static String malware(String id) {
        return "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2021-01-01T00:00:00.000Z\",\"modified\":\"2021-01-01T00:00:00.000Z\","
                + "\"name\":\"x\",\"is_family\":false}";
    }

    public static String envelope(String... objects) {
        return "{\"objects\":[" + String.join(",", objects) + "]}";
    }

    /** POSTs an envelope to the read-write collection as alice and expects 202. */
    protected static void post(String... objects) {
        alice().contentType(TAXII).body(envelope(objects)).post(RW + "objects/").then().statusCode(202);
    }
}

package nl.camiso.server.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole server with the sample configuration on embedded H2 in a fresh temporary directory,
 * and the requests the over-HTTP tests send to it: as a demo account, as admin on the admin API,
 * anonymously, and posting objects through TAXII. One setup for the feed, admin and network tests
 * instead of a copy in each: a test class declares
 * {@code @RegisterExtension static final SampleServer sample = SampleServer.perClass("…");} and
 * the server runs from before its {@code @BeforeAll} methods until after its last test.
 */
public final class SampleServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String PASSWORD = "camiso-demo";
    public static final String TAXII = "application/taxii+json;version=2.1";

    private final String name;
    private Path dir;
    private CamisoServer server;

    private SampleServer(String name) {
        this.name = name;
    }

    /**
     * A server for one test class, registered with {@code @RegisterExtension} on a static field.
     * @param name a prefix for the temporary directory, naming the test
     */
    public static SampleServer perClass(String name) {
        return new SampleServer(name);
    }

    /** A server started now, for a test that closes it itself. */
    public static SampleServer start(String name) {
        SampleServer sample = new SampleServer(name);
        sample.open();
        return sample;
    }

    private void open() {
        try {
            dir = Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dir != null) {
            close();
        }
    }

    public CamisoServer server() {
        return server;
    }

    /** The temporary directory (the server's data directory is {@link #dataDir()} inside it). */
    public Path dir() {
        return dir;
    }

    /** For the CLI's {@code --data-dir}: the same database as the running server. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    public RequestSpecification anonymous() {
        return given().baseUri(server.baseUri().toString());
    }

    /** A demo account with the demo password, sent preemptively. */
    public RequestSpecification as(String account) {
        return anonymous().auth().preemptive().basic(account, PASSWORD);
    }

    /** The admin account speaking JSON, for the admin API. */
    public RequestSpecification admin() {
        return as("admin").accept(ContentType.JSON).contentType(ContentType.JSON);
    }

    /** Posts objects (JSON texts) to a collection of the {@code ndn} API root; each must be accepted. */
    public JsonPath post(String account, String collection, String... objects) {
        Response r = as(account).accept(TAXII).contentType(TAXII)
                .body("{\"objects\":[" + String.join(",", objects) + "]}")
                .post("ndn/collections/" + collection + "/objects/");
        assertEquals(202, r.statusCode(), r.asString());
        JsonPath status = r.jsonPath();
        assertEquals(objects.length, status.getInt("success_count"), status.prettify());
        return status;
    }

    /** Stops the server, then removes the temporary directory with its database. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

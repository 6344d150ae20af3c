package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The TAXII 2.1 server under test, shared by every test class and set up once per JVM.
 *
 * <p>With {@code -Dtaxii.url} the suite talks to that server using {@code taxii.user} /
 * {@code taxii.password}. Without it, it starts our own server in-process on a free port with
 * the bundled sample configuration (API root {@code ndn}, account {@code admin}/{@code camiso-demo}),
 * on H2 in a temporary directory or, with {@code -Dcamiso.test.jdbc.url}, on that database.
 *
 * <p>Optional: {@code taxii.api_root} (absolute or relative to {@code taxii.url}; default: the
 * discovery {@code default}, else its first API root), {@code taxii.collection.rw} /
 * {@code taxii.collection.ro} (default: the first collection listed with that access),
 * {@code taxii.user.noaccess} / {@code taxii.password.noaccess} (a user with no access to the
 * read/write collection).
 */
public final class TaxiiTarget implements BeforeAllCallback {

    public static final String TAXII = "application/taxii+json;version=2.1";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TaxiiTarget.class);

    /** Set once the target is up; read by {@link TaxiiTestBase}. */
    private static volatile Target current;

    /** What the tests need to know about the server under test. */
    public record Target(URI base, URI apiRoot, String user, String password,
                         String rwCollection, String roCollection,
                         String writeOnlyCollection, String noAccessCollection,
                         String noAccessUser, String noAccessPassword,
                         long maxContentLength, boolean camiso) {
    }

    static Target target() {
        Target t = current;
        if (t == null) {
            throw new IllegalStateException("TaxiiTarget extension did not run; extend TaxiiTestBase");
        }
        return t;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives for the whole run, so the server starts once and is closed at the end;
        // a failed start is remembered and reported by every test class, not retried.
        Started started = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent("target", key -> Started.start(), Started.class);
        if (started.failure != null) {
            throw started.failure;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(started.skipReason == null, started.skipReason);
        current = started.target;
    }

    /**
     * Creates a new schema in the database and returns the URL that uses it, or null when the
     * database cannot be reached (then the run is skipped: CI machines without it still pass on H2).
     */
    static String freshSchema(String url) {
        String schema = "camiso_conformance_" + Long.toHexString(System.nanoTime());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url,
                System.getProperty("camiso.test.jdbc.user"), System.getProperty("camiso.test.jdbc.password"));
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            return null;
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The started target plus what must be cleaned up; JUnit closes it at the end of the run. */
    static final class Started implements AutoCloseable {
        String skipReason;
        final Target target;
        final RuntimeException failure;
        final CamisoServer server;
        final Path tempDir;

        private Started(Target target, RuntimeException failure, CamisoServer server, Path tempDir) {
            this.target = target;
            this.failure = failure;
            this.server = server;
            this.tempDir = tempDir;
        }

        static Started start() {
            configureRestAssured();
            String url = System.getProperty("taxii.url");
            if (url != null && !url.isBlank()) {
                try {
                    return new Started(describe(URI.create(url.endsWith("/") ? url : url + "/"),
                            required("taxii.user"), required("taxii.password"),
                            System.getProperty("taxii.api_root"), false), null, null, null);
                } catch (RuntimeException e) {
                    return new Started(null, new IllegalStateException(
                            "Cannot use the TAXII server at " + url + ": " + e.getMessage(), e), null, null);
                }
            }
            return startInProcess();
        }

        private static Started startInProcess() {
            Path dir;
            try {
                dir = Files.createTempDirectory("camiso-conformance");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CamisoServer server = null;
            try {
                ServerOptions forTests = ServerOptions.forTests(dir);
                String jdbcUrl = System.getProperty("camiso.test.jdbc.url");
                if (jdbcUrl != null && !jdbcUrl.isBlank()) {
                    // each run gets its own fresh schema, so runs never see each other's data
                    jdbcUrl = freshSchema(jdbcUrl);
                    if (jdbcUrl == null) {
                        deleteTree(dir);
                        Started skipped = new Started(null, null, null, null);
                        skipped.skipReason = "database " + System.getProperty("camiso.test.jdbc.url") + " not reachable";
                        return skipped;
                    }
                }
                ServerOptions options = jdbcUrl == null || jdbcUrl.isBlank() ? forTests
                        : new ServerOptions(forTests.configFile(), forTests.bind(), forTests.port(), forTests.dataDir(),
                                jdbcUrl, System.getProperty("camiso.test.jdbc.user"),
                                System.getProperty("camiso.test.jdbc.password"),
                                forTests.keystore(), forTests.keystorePassword(), forTests.loadSamples());
                server = CamisoServer.start(options);
                Target target = describe(server.baseUri(), "admin", "camiso-demo",
                        System.getProperty("taxii.api_root", "/ndn/"), true);
                return new Started(target, null, server, dir);
            } catch (RuntimeException | Error e) {
                // Fail every test class loudly: a conformance run that silently passes would lie.
                IllegalStateException failure = new IllegalStateException(
                        "Could not start the in-process CAMISO server (" + e + "). Check the server log above; "
                                + "to test another TAXII 2.1 "
                                + "server pass -Dtaxii.url=... -Dtaxii.user=... -Dtaxii.password=...", e);
                if (server != null) {
                    server.close();
                }
                deleteTree(dir);
                return new Started(null, failure, null, null);
            }
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("-D" + property + " is required together with -Dtaxii.url");
        }
        return value;
    }

    private static void configureRestAssured() {
        RestAssured.config = RestAssuredConfig.config()
                // send exactly the Content-Type we set: no "; charset=ISO-8859-1" appended
                .encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                        .encodeContentTypeAs("application/taxii+json", ContentType.TEXT))
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", 10_000)
                        .setParam("http.socket.timeout", 60_000));
        if (Boolean.getBoolean("taxii.insecure")) {
            RestAssured.useRelaxedHTTPSValidation();
        }
    }

    /** Finds the API root, its max_content_length and the collections to use. */
    private static Target describe(URI base, String user, String password, String apiRootProperty, boolean camiso) {
        URI apiRoot;
        if (apiRootProperty != null && !apiRootProperty.isBlank()) {
            String root = apiRootProperty.endsWith("/") ? apiRootProperty : apiRootProperty + "/";
            apiRoot = base.resolve(root);
        } else {
            JsonNode discovery = getJson(base.resolve("taxii2/"), user, password);
            String chosen = discovery.path("default").asText(null);
            if (chosen == null && discovery.path("api_roots").size() > 0) {
                chosen = discovery.path("api_roots").get(0).asText();
            }
            if (chosen == null) {
                throw new IllegalStateException("discovery lists no API root; pass -Dtaxii.api_root");
            }
            apiRoot = base.resolve(chosen);
        }
        JsonNode root = getJson(apiRoot, user, password);
        long maxContentLength = root.path("max_content_length").asLong(-1);
        JsonNode collections = getJson(apiRoot.resolve("collections/"), user, password).path("collections");

        String rw = System.getProperty("taxii.collection.rw", firstPrivateReadWrite(apiRoot, collections));
        if (rw == null) {
            throw new IllegalStateException("no collection with can_read and can_write under " + apiRoot
                    + "; pass -Dtaxii.collection.rw");
        }
        return new Target(base, apiRoot, user, password, rw,
                System.getProperty("taxii.collection.ro", firstWith(collections, true, false)),
                firstWith(collections, false, true), firstWith(collections, false, false),
                System.getProperty("taxii.user.noaccess"), System.getProperty("taxii.password.noaccess"),
                maxContentLength, camiso);
    }

    /**
     * A read/write collection that needs credentials: the authentication tests use it, so a
     * collection the server makes public (readable anonymously) would not do. Falls back to any
     * read/write collection.
     */
    private static String firstPrivateReadWrite(URI apiRoot, JsonNode collections) {
        for (JsonNode c : collections) {
            if (c.path("can_read").asBoolean() && c.path("can_write").asBoolean()) {
                int anonymous = RestAssured.given().header("Accept", TAXII)
                        .get(apiRoot.resolve("collections/" + c.path("id").asText() + "/objects/")).statusCode();
                if (anonymous != 200) {
                    return c.path("id").asText();
                }
            }
        }
        return firstWith(collections, true, true);
    }

    private static String firstWith(JsonNode collections, boolean canRead, boolean canWrite) {
        for (JsonNode c : collections) {
            if (c.path("can_read").asBoolean() == canRead && c.path("can_write").asBoolean() == canWrite) {
                return c.path("id").asText();
            }
        }
        return null;
    }

    private static JsonNode getJson(URI uri, String user, String password) {
        Response r = RestAssured.given().auth().preemptive().basic(user, password)
                .header("Accept", TAXII).get(uri);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": " + r.asString());
        }
        return Json.parse(r);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}

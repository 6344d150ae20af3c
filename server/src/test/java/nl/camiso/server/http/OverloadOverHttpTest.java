package nl.camiso.server.http;

import io.restassured.response.Response;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.Database;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overload never looks like a failed login: a firewall whose block list answers 401 stops
 * enforcing it. With every database connection held, with the identity provider's keys
 * unreachable and while the server shuts down, requests with valid (and even unknown) credentials
 * get 503 with {@code Retry-After}, through the real server.
 */
class OverloadOverHttpTest {

    static final String MEMBER = "maasvlakte-stuwadoors-analyst";
    static final String FEED = "ndn/x-camiso/feeds/ferm-amber/ip";

    static void unavailable(Response r, String what) {
        assertEquals(503, r.statusCode(), what + ": " + r.asString());
        assertTrue(r.header("Retry-After") != null && r.header("Retry-After").matches("\\d+"), what + ": no Retry-After");
        assertTrue(r.contentType().startsWith("application/taxii+json"), what + ": " + r.contentType());
        assertTrue(!r.asString().contains("Exception"), r.asString());
    }

    /** Without keep-alive, so that closing the server does not wait for idle connections. */
    static io.restassured.specification.RequestSpecification as(String base, String user, String password) {
        return given().baseUri(base).header("Connection", "close").auth().preemptive().basic(user, password);
    }

    @Test
    void noFreeDatabaseConnectionIs503WithRetryAfterNot401Or500(@TempDir Path dir) throws Exception {
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")))) {
            String base = server.baseUri().toString();
            as(base, MEMBER, "camiso-demo").get(FEED).then().statusCode(200);
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < Database.POOL_SIZE; i++) {
                    held.add(server.database().dataSource().getConnection());
                }
                long start = System.nanoTime();
                // a cached account (the feed query waits), an account not looked up yet with a wrong
                // password (it cannot be checked), TAXII objects and the anonymous public feed
                unavailable(as(base, MEMBER, "camiso-demo").get(FEED), "feed");
                // generous margin for a loaded CI machine; what matters is that it no longer waits for the
                // driver's 30-second default and then answers 500
                assertTrue(System.nanoTime() - start < (Database.CONNECTION_WAIT_MILLIS + 20_000) * 1_000_000L,
                        "waited far longer than the pool's wait");
                unavailable(as(base, "koelhuis-botlek-analyst", "wrong").get("ndn/x-camiso/feeds/ferm-green/domain"),
                        "uncached account, wrong password");
                unavailable(as(base, MEMBER, "camiso-demo").accept("application/taxii+json;version=2.1")
                        .get("ndn/collections/ferm-amber/objects/"), "TAXII objects");
                unavailable(given().baseUri(base).header("Connection", "close").get("ndn/x-camiso/feeds/ndn-clear/domain"),
                        "public feed");
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
            as(base, MEMBER, "camiso-demo").get(FEED).then().statusCode(200);
            as(base, "koelhuis-botlek-analyst", "wrong").get("ndn/x-camiso/feeds/ferm-green/domain").then().statusCode(401);
        }
    }

    @Test
    void unreachableIdentityProviderKeysAre503NotAFailedLogin(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        String yaml = Files.readString(samples.resolve("camiso.yaml"))
                .replaceAll("(?m)^\\s+load: .*$\\R", "")
                .replace("allowed_algorithms: [HS256]", "allowed_algorithms: [HS256, RS256]\n"
                        + "    jwks_url: https://127.0.0.1:" + closedPort + "/jwks");
        assertTrue(yaml.contains("jwks_url"), "the sample configuration's jwt section changed");
        Path config = dir.resolve("camiso.yaml");
        Files.writeString(config, yaml);
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("idp");
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("camiso");
        claims.setAudience("camiso-taxii");
        claims.setSubject(MEMBER);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue("idp");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        String token = jws.getCompactSerialization();

        try (CamisoServer server = CamisoServer.start(new ServerOptions(config, "127.0.0.1", 0, dir.resolve("data"),
                null, null, null, null, null, true))) {
            String base = server.baseUri().toString();
            unavailable(given().baseUri(base).header("Authorization", "Bearer " + token).get(FEED), "RS256 token");
            // a token that is malformed is refused without the keys: still 401
            given().baseUri(base).header("Authorization", "Bearer not.a.token").get(FEED).then().statusCode(401);
            // Basic does not need the identity provider
            given().baseUri(base).auth().preemptive().basic(MEMBER, "camiso-demo").get(FEED).then().statusCode(200);
        }
    }

    @Test
    void aRequestArrivingWhileTheServerStopsGets503WithRetryAfter(@TempDir Path dir) throws Exception {
        CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")));
        try (Socket inFlight = new Socket(server.baseUri().getHost(), server.baseUri().getPort());
             Socket idle = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
            // an envelope whose body is still arriving keeps the graceful shutdown waiting
            OutputStream slow = inFlight.getOutputStream();
            slow.write(("POST /ndn/collections/ferm-amber/objects/ HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                    + java.util.Base64.getEncoder().encodeToString("ferm-analyst:camiso-demo".getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/taxii+json;version=2.1\r\nAccept: application/taxii+json;version=2.1\r\n"
                    + "Content-Length: 20\r\n\r\n{\"objects\"").getBytes(StandardCharsets.UTF_8));
            slow.flush();
            Thread.sleep(300);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(500);
            String answer = exchange(idle, "GET /" + "ndn/x-camiso/feeds/ndn-clear/domain HTTP/1.1\r\nHost: x\r\n\r\n");
            slow.write(":[]}      ".getBytes(StandardCharsets.UTF_8));
            slow.flush();
            stopping.get();
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertTrue(answer.contains("\r\nRetry-After: "), answer);
        } finally {
            server.close();
        }
    }

    /** Sends a request and reads the status line and headers of the answer. */
    static String exchange(Socket socket, String request) throws Exception {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}

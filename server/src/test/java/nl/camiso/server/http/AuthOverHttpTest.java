package nl.camiso.server.http;

import io.restassured.RestAssured;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.PasswordHasher;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.auth.Authenticator;
import nl.camiso.server.auth.CredentialCache;
import nl.camiso.server.auth.JwtVerifier;
import nl.camiso.server.auth.TokenIssuer;
import nl.camiso.server.config.JwtConfig;
import nl.camiso.taxii.spi.Requester;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authentication filter on a real Grizzly listener, with accounts in memory (no database needed). */
class AuthOverHttpTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    static final JwtConfig JWT = new JwtConfig("camiso", "camiso-taxii", null, null, null, List.of("HS256"));
    static final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    static final Account TOKEN_ONLY = new Account("tokenonly", null, Set.of(), List.of(), null, "id-of-tokenonly", 0,
            Instant.EPOCH);
    static HttpEndpoint endpoint;

    @Path("/whoami")
    public static class WhoAmI {
        @GET
        public String get(@Context ContainerRequestContext request) {
            Requester r = (Requester) request.getProperty(Requester.PROPERTY);
            return r.name() + " " + r.isAuthenticated();
        }
    }

    @BeforeAll
    static void start() {
        Map<String, Account> accounts = Map.of(
                "alice", new Account("alice", null, Set.of(), List.of(), PasswordHasher.hash("alice-password")),
                "tokenonly", TOKEN_ONLY);
        Authenticator authenticator = new Authenticator(n -> Optional.ofNullable(accounts.get(n)), new CredentialCache(),
                new JwtVerifier(JWT, SECRET, null));
        ResourceConfig app = new ResourceConfig()
                .register(new AuthFilter(authenticator, audit::add, false))
                .register(TestTaxiiExceptionMapper.class)
                .register(WhoAmI.class);
        endpoint = HttpEndpoint.start("127.0.0.1", 0, null, null, app);
        RestAssured.baseURI = endpoint.baseUri().toString().replaceAll("/$", "");
        RestAssured.port = endpoint.port();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        RestAssured.reset();
    }

    @BeforeEach
    void clearAudit() {
        audit.clear();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicWithTheRightPassword() {
        for (int i = 0; i < 3; i++) { // later ones come from the credential cache
            given().header("Authorization", basic("alice", "alice-password")).get("/whoami")
                    .then().statusCode(200).body(equalTo("alice true"));
        }
        assertTrue(audit.isEmpty());
    }

    @Test
    void noCredentialsGive401WithBothChallenges() {
        given().get("/whoami").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"camiso\", Bearer realm=\"camiso\""));
    }

    @Test
    void unknownPathsAreNotRevealedWithoutCredentials() {
        given().get("/no/such/thing").then().statusCode(401);
    }

    @Test
    void wrongPasswordUnknownUserAndMalformedAre401AndAudited() {
        given().header("Authorization", basic("alice", "wrong")).get("/whoami").then().statusCode(401)
                .header("WWW-Authenticate", equalTo(AuthFilter.CHALLENGE));
        given().header("Authorization", basic("mallory", "x")).get("/whoami").then().statusCode(401);
        given().header("Authorization", basic("tokenonly", "x")).get("/whoami").then().statusCode(401);
        given().header("Authorization", "Basic !!!notbase64").get("/whoami").then().statusCode(401);
        given().header("Authorization", "Digest username=alice").get("/whoami").then().statusCode(401);
        assertEquals(5, audit.size());
        assertEquals(AuditEvent.LOGIN_FAILED, audit.get(0).action());
        assertEquals("alice", audit.get(0).actor());
        assertEquals("-", audit.get(1).actor(), "a name that is no account is not kept (it may be a password)");
        assertEquals("wrong password", audit.get(0).detail());
        assertEquals("127.0.0.1", audit.get(0).remoteAddress());
        assertTrue(audit.stream().noneMatch(e -> String.valueOf(e.detail()).contains("wrong") && e.detail().contains("x")
                || String.valueOf(e.detail()).contains("alice-password")), "no secret in the audit");
    }

    @Test
    void bearerTokenOfAnExistingAccount() {
        String token = new TokenIssuer(JWT, SECRET).issue(TOKEN_ONLY, Duration.ofMinutes(5), Instant.now());
        given().header("Authorization", "Bearer " + token).get("/whoami")
                .then().statusCode(200).body(equalTo("tokenonly true"));
    }

    @Test
    void bearerTokenForAnUnknownAccountOrExpiredIs401() {
        Account ghostAccount = new Account("ghost", null, Set.of(), List.of(), null, "id-of-ghost", 0, Instant.EPOCH);
        String ghost = new TokenIssuer(JWT, SECRET).issue(ghostAccount, Duration.ofMinutes(5), Instant.now());
        given().header("Authorization", "Bearer " + ghost).get("/whoami").then().statusCode(401);
        String old = new TokenIssuer(JWT, SECRET).issue(TOKEN_ONLY, Duration.ofMinutes(5), Instant.now().minusSeconds(3600));
        given().header("Authorization", "Bearer " + old).get("/whoami").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/whoami").then().statusCode(401);
        assertEquals(3, audit.size());
    }

    @Test
    void successfulRequestsCarryNoChallenge() {
        given().header("Authorization", basic("alice", "alice-password")).get("/whoami")
                .then().statusCode(200).header("WWW-Authenticate", nullValue());
    }
}

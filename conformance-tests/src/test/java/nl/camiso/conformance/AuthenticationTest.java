package nl.camiso.conformance;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §1.6.9, §7 of the checklist: requests without acceptable credentials get 401 with a
 * WWW-Authenticate challenge (the §5 endpoints may answer 404 instead); can_read/can_write false
 * gives 403 or 404.
 */
class AuthenticationTest extends TaxiiTestBase {

    /** One request: what it is, whether it is a §5 (collection) endpoint, and how to send it. */
    record Call(String name, boolean collectionEndpoint, Function<RequestSpecification, Response> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Call> calls() {
        Supplier<String> object = () -> objectUrl(Stix.newId("indicator"));
        return List.of(
                new Call("GET discovery", false, s -> s.get(discoveryUrl())),
                new Call("GET api-root", false, s -> s.get(apiRootUrl())),
                new Call("GET status", false, s -> s.get(statusUrl(java.util.UUID.randomUUID().toString()))),
                new Call("GET collections", true, s -> s.get(collectionsUrl())),
                new Call("GET collection", true, s -> s.get(collectionUrl(target().rwCollection()))),
                new Call("GET manifest", true, s -> s.get(manifestUrl())),
                new Call("GET objects", true, s -> s.get(objectsUrl())),
                new Call("POST objects", true, s -> s.header("Content-Type", TAXII)
                        .body(Stix.envelope(Stix.indicator())).post(objectsUrl())),
                new Call("GET object", true, s -> s.get(object.get())),
                new Call("DELETE object", true, s -> s.delete(object.get())),
                new Call("GET versions", true, s -> s.get(object.get() + "versions/")));
    }

    static Stream<Arguments> withoutValidCredentials() {
        List<Arguments> cases = new ArrayList<>();
        for (Call call : calls()) {
            cases.add(Arguments.of(call, "no credentials"));
            cases.add(Arguments.of(call, "wrong password"));
            cases.add(Arguments.of(call, "unknown user"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("withoutValidCredentials")
    void requestWithoutValidCredentialsIsRefused(Call call, String credentials) {
        RequestSpecification spec = switch (credentials) {
            case "no credentials" -> anonymous();
            case "wrong password" -> as(target().user(), target().password() + "-wrong");
            default -> as("no-such-user-" + java.util.UUID.randomUUID(), "whatever");
        };
        Response r = call.send().apply(spec);
        if (!call.collectionEndpoint() && r.statusCode() == 200 && credentials.equals("no credentials")) {
            // discovery / API root may be public; then they are plain successes
            assertTaxiiContentType(r);
            return;
        }
        if (call.collectionEndpoint()) {
            assertError(r, 401, 404);
        } else {
            assertError(r, 401, 403, 404);
        }
        if (r.statusCode() == 401) {
            String challenge = r.getHeader("WWW-Authenticate");
            assertNotNull(challenge, "401 without WWW-Authenticate");
            assertTrue(!challenge.isBlank(), "empty WWW-Authenticate");
        }
    }

    @Test
    void basicAuthenticationIsOffered() {
        Response r = RestAssured.given().header("Accept", TAXII).get(objectsUrl());
        if (r.statusCode() == 401) {
            assertTrue(r.getHeader("WWW-Authenticate").toLowerCase().contains("basic"),
                    "HTTP Basic should be offered (§8.2.2): " + r.getHeader("WWW-Authenticate"));
        }
    }

    @Test
    void validCredentialsAreAccepted() {
        assertEquals(200, taxii().get(collectionsUrl()).statusCode());
    }

    static Stream<Call> collectionCalls() {
        return calls().stream().filter(Call::collectionEndpoint)
                .filter(c -> !c.name().equals("GET collections") && !c.name().equals("DELETE object"));
    }

    /** A user without access to the collection: 403 or 404 (not 401 — the credentials are valid). */
    @ParameterizedTest(name = "{0} by a user without access")
    @MethodSource("collectionCalls")
    void userWithoutAccessGets403Or404(Call call) {
        assumeConfigured("user without access (-Dtaxii.user.noaccess)", target().noAccessUser());
        assertError(call.send().apply(as(target().noAccessUser(), target().noAccessPassword())), 403, 404);
    }

    @Test
    void readOnlyCollectionRefusesWrites() {
        assumeConfigured("read-only collection", target().roCollection());
        Response r = taxii().header("Content-Type", TAXII).body(Stix.envelope(Stix.indicator()))
                .post(objectsUrl(target().roCollection()));
        assertError(r, 403, 404);
    }

    @Test
    void writeOnlyCollectionRefusesReads() {
        assumeConfigured("collection with can_read=false", target().writeOnlyCollection());
        String base = collectionUrl(target().writeOnlyCollection());
        assertError(get(base + "objects/"), 403, 404);
        assertError(get(base + "manifest/"), 403, 404);
        assertError(get(base + "objects/" + Stix.newId("indicator") + "/"), 403, 404);
        assertError(get(base + "objects/" + Stix.newId("indicator") + "/versions/"), 403, 404);
    }
}

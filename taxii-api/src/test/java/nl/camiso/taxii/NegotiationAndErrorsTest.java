package nl.camiso.taxii;

import io.restassured.RestAssured;
import nl.camiso.taxii.testing.HttpTestBase;
import nl.camiso.taxii.testing.TestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** §3.1 media types, 406/415, and the TAXII error resource on every error (§3.6). */
class NegotiationAndErrorsTest extends HttpTestBase {

    @ParameterizedTest
    @ValueSource(strings = {
            "application/taxii+json;version=2.1",
            "application/taxii+json",
            "application/taxii+json; version=2.1",
            "application/taxii+json;version=\"2.1\"",
            "*/*",
            "application/*",
            "application/taxii+json;version=2.1,application/stix+json;version=2.1",
            "text/html;q=0.9, application/taxii+json;q=0.5",
            "application/json, */*;q=0.1",
            "APPLICATION/TAXII+JSON;VERSION=2.1"})
    void acceptableAcceptHeadersAreServed(String accept) {
        RestAssured.given().header("Accept", accept).get("/taxii2/")
                .then().statusCode(200).contentType(equalTo(TAXII));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "application/json",
            "application/taxii+json;version=2.0",
            "application/stix+json;version=2.1",
            "text/html",
            "application/taxii+json;q=0",
            "garbage"})
    void otherAcceptHeadersGet406(String accept) {
        error(RestAssured.given().header("Accept", accept).get("/taxii2/").then(), 406);
        error(RestAssured.given().header("Accept", accept).header("X-Test-User", "alice")
                .get(RW + "objects/").then(), 406);
    }

    @Test
    void missingAcceptIsServed() throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/taxii2/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(TAXII, r.headers().firstValue("Content-Type").orElseThrow(), r.headers().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/taxii+json;version=2.0", "application/stix+json;version=2.0",
            "application/json;version=2.0", "application/vnd.oasis.taxii+json", "text/plain"})
    void postWithOtherContentTypeGets415(String contentType) {
        error(alice().contentType(contentType).body(envelope(indicator(newId("indicator"), "2021-01-01T00:00:00.000Z")))
                .post(RW + "objects/").then(), 415);
        assertEquals(0, STORE.size(TestCatalog.RW.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/taxii+json;version=2.1", "application/taxii+json",
            "application/taxii+json; charset=utf-8", "application/stix+json;version=2.1", "application/stix+json",
            "application/json", "application/json; charset=utf-8"})
    void postWithTaxiiContentTypeIsAccepted(String contentType) {
        alice().contentType(contentType).body(envelope(indicator(newId("indicator"), "2021-01-01T00:00:00.000Z")))
                .post(RW + "objects/").then().statusCode(202).contentType(equalTo(TAXII));
    }

    @Test
    void unknownPathIsTaxii404() {
        error(anonymous().get("/taxii2/nothing-here/").then(), 404);
        error(anonymous().get("/nosuchroot/").then(), 404);
    }

    @Test
    void wrongMethodIsTaxii405() {
        error(anonymous().put("/taxii2/").then(), 405).header("Allow", containsString("GET"));
    }

    @Test
    void badCredentialsPassThroughAs401WithChallenge() {
        error(RestAssured.given().header("Accept", TAXII).header("X-Test-User", "bad").get(RW + "objects/").then(), 401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"camiso\""))
                .body("description", equalTo("Wrong user name or password."));
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        STORE.broken.add(TestCatalog.BOOM.id());
        error(alice().get("/ndn/collections/" + TestCatalog.BOOM.id() + "/objects/").then(), 500)
                .body(not(containsString("hunter2")))
                .body(not(containsString("IllegalStateException")));
    }
}

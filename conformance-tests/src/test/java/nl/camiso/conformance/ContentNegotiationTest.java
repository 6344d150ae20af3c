package nl.camiso.conformance;

import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * §1.6.8, §3.1: media types. A TAXII media range the endpoint defines must never get 406, and
 * every response carries {@code application/taxii+json;version=2.1}. For other media types the
 * spec lets a server serve or refuse (406/415); CAMISO refuses, which is checked in default mode.
 */
class ContentNegotiationTest extends TaxiiTestBase {

    record Endpoint(String name, Supplier<String> url) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("discovery", TaxiiTestBase::discoveryUrl),
                new Endpoint("api-root", TaxiiTestBase::apiRootUrl),
                new Endpoint("collections", TaxiiTestBase::collectionsUrl),
                new Endpoint("collection", () -> collectionUrl(target().rwCollection())),
                new Endpoint("objects", TaxiiTestBase::objectsUrl),
                new Endpoint("manifest", TaxiiTestBase::manifestUrl),
                new Endpoint("object", () -> objectUrl(idOf(Fixtures.get().malware))),
                new Endpoint("versions", () -> versionsUrl(idOf(Fixtures.get().malware))),
                new Endpoint("status", () -> statusUrl(add(Stix.indicator()).get("id").asText())));
    }

    static Stream<Arguments> acceptable() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (String accept : List.of(
                    "application/taxii+json;version=2.1",
                    "application/taxii+json",                         // no version = latest (§1.6.8.2)
                    "application/taxii+json; version=2.1",            // optional whitespace (RFC 7231)
                    "application/xml, application/taxii+json;version=2.1")) {
                cases.add(Arguments.of(e, accept));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} Accept: {1}")
    @MethodSource("acceptable")
    void definedTaxiiMediaTypeIsServed(Endpoint endpoint, String accept) {
        Response r = taxii().header("Accept", accept).get(endpoint.url().get());
        assertEquals(200, r.statusCode(), () -> "Accept " + accept + ": " + r.asString());
        assertTaxiiContentType(r);
    }

    static Stream<Arguments> unsupported() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (String accept : List.of("application/xml", "application/taxii+json;version=2.0", "text/html")) {
                cases.add(Arguments.of(e, accept));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} Accept: {1}")
    @MethodSource("unsupported")
    void otherMediaTypeIs406OrServedAsTaxii(Endpoint endpoint, String accept) {
        Response r = taxii().header("Accept", accept).get(endpoint.url().get());
        if (isCamiso()) {
            assertError(r, 406);
        } else if (r.statusCode() == 200) {
            assertTaxiiContentType(r);
        } else {
            assertError(r, 406);
        }
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/taxii+json;version=2.1", "application/taxii+json; version=2.1"})
    void postWithTaxiiContentTypeIsNot415(String contentType) {
        Response r = taxii().header("Content-Type", contentType).body(Stix.envelope(Stix.indicator())).post(objectsUrl());
        assertNotEquals(415, r.statusCode());
        assertEquals(202, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/xml", "text/plain", "application/taxii+json;version=2.0",
            "application/stix+json;version=2.0", "application/json;version=2.0"})
    void postWithOtherContentTypeIs415OrAccepted(String contentType) {
        Response r = taxii().header("Content-Type", contentType).body(Stix.envelope(Stix.indicator())).post(objectsUrl());
        if (isCamiso() || r.statusCode() != 202) {
            assertError(r, 415);
        } else {
            assertTaxiiContentType(r);
        }
    }

    @ParameterizedTest(name = "POST Accept: {0}")
    @ValueSource(strings = {"application/xml", "application/taxii+json;version=2.0"})
    void postWithOtherAcceptIs406OrServed(String accept) {
        Response r = taxii().header("Accept", accept).header("Content-Type", TAXII)
                .body(Stix.envelope(Stix.indicator())).post(objectsUrl());
        if (isCamiso() || r.statusCode() != 202) {
            assertError(r, 406);
        } else {
            assertTaxiiContentType(r);
        }
    }

    /** {@code *}/{@code *} is not a TAXII media range; our server serves TAXII for it, as clients that send it expect. */
    @ParameterizedTest(name = "{0} Accept: */*")
    @MethodSource("endpoints")
    void anyMediaTypeIsServedOrRefusedAsTaxii(Endpoint endpoint) {
        Response r = taxii().header("Accept", "*/*").get(endpoint.url().get());
        if (isCamiso() || r.statusCode() == 200) {
            assertEquals(200, r.statusCode(), r.asString());
            assertTaxiiContentType(r);
        } else {
            assertError(r, 406);
        }
    }
}

package nl.camiso.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** §5.7 Delete an Object. */
class ObjectDeleteTest extends TaxiiTestBase {

    @Test
    void deleteRemovesEveryVersionAndAnswersTaxii() {
        String id = Stix.newId("indicator");
        add(Stix.indicator(id, Fixtures.V1));
        add(Stix.indicator(id, Fixtures.V2));
        ObjectNode bystander = Stix.indicator();
        add(bystander);

        Response r = taxii().delete(objectUrl(id));
        assertEquals(200, r.statusCode(), r.asString());
        assertTaxiiContentType(r);

        assertError(get(objectUrl(id)), 404);
        assertError(get(versionsUrl(id)), 404);
        assertEmptyResult(getOk(manifestUrl(), "match[id]", id, "match[version]", "all"), "objects");
        assertEmptyResult(getOk(objectsUrl(), "match[id]", id, "match[version]", "all"), "objects");
        assertEquals(1, getOk(objectsUrl(), "match[id]", idOf(bystander)).path("objects").size(),
                "other objects stay");
    }

    @Test
    void deleteWithMatchVersionRemovesOnlyThatVersion() {
        String id = Stix.newId("indicator");
        add(Stix.indicator(id, Fixtures.V1));
        add(Stix.indicator(id, Fixtures.V2));

        Response r = taxii().queryParam("match[version]", Fixtures.V1).delete(objectUrl(id));
        assertEquals(200, r.statusCode(), r.asString());
        assertTaxiiContentType(r);

        assertEquals(List.of(Fixtures.V2), Json.texts(getOk(versionsUrl(id)).path("versions")));
        assertEquals(List.of(Fixtures.V2),
                Json.texts(getOk(objectUrl(id), "match[version]", "all").path("objects"), "modified"));
        assertEquals(List.of(Fixtures.V2),
                Json.texts(getOk(manifestUrl(), "match[id]", id, "match[version]", "all").path("objects"), "version"));
    }

    @Test
    void deleteUnknownObjectIs404() {
        assertError(taxii().delete(objectUrl(Stix.newId("indicator"))), 404);
    }

    /** §5.7 table: can_read=true, can_write=false -> 403. */
    @Test
    void deleteInReadOnlyCollectionIs403() {
        assumeConfigured("read-only collection", target().roCollection());
        assertError(taxii().delete(objectsUrl(target().roCollection()) + Stix.newId("indicator") + "/"), 403);
    }

    /** §5.7 table: can_read=false, can_write=true -> 403. */
    @Test
    void deleteInWriteOnlyCollectionIs403() {
        assumeConfigured("write-only collection", target().writeOnlyCollection());
        assertError(taxii().delete(objectsUrl(target().writeOnlyCollection()) + Stix.newId("indicator") + "/"), 403);
    }

    /** §5.7 table: can_read=false, can_write=false -> 404. */
    @Test
    void deleteInCollectionWithoutAccessIs404() {
        assumeConfigured("collection without access", target().noAccessCollection());
        assertError(taxii().delete(objectsUrl(target().noAccessCollection()) + Stix.newId("indicator") + "/"), 404);
    }

    @Test
    void deleteByUserWithoutAccessIs404() {
        assumeConfigured("user without access (-Dtaxii.user.noaccess)", target().noAccessUser());
        ObjectNode indicator = Stix.indicator();
        add(indicator);
        assertError(as(target().noAccessUser(), target().noAccessPassword()).delete(objectUrl(idOf(indicator))), 404);
        assertEquals(1, getOk(objectsUrl(), "match[id]", idOf(indicator)).path("objects").size(), "still there");
    }
}

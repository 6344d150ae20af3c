package nl.camiso.taxii;

import io.restassured.response.Response;
import nl.camiso.taxii.testing.HttpTestBase;
import nl.camiso.taxii.testing.TestCatalog;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** §5.6 Get an Object, §5.7 Delete an Object, §5.8 versions. */
class ObjectEndpointsTest extends HttpTestBase {

    private static String objectUrl(String collectionId, String id) {
        return "/ndn/collections/" + collectionId + "/objects/" + id + "/";
    }

    @Test
    void getAnObject() {
        String id = newId("indicator");
        post(indicator(id, "2021-01-01T00:00:00.000Z"), indicator(id, "2021-02-01T00:00:00.000Z"));
        alice().get(RW + "objects/" + id + "/").then().statusCode(200).contentType(equalTo(TAXII))
                .body("more", equalTo(false))
                .body("objects.modified", contains("2021-02-01T00:00:00.000Z"));
        alice().queryParam("match[version]", "all").get(RW + "objects/" + id).then()
                .body("objects", hasSize(2));
        // match[id] is not a filter of this endpoint and is ignored
        alice().queryParam("match[id]", newId("indicator")).get(RW + "objects/" + id + "/").then()
                .body("objects", hasSize(1));
    }

    @Test
    void unknownObjectIs404ButFilteredOutIsEmpty() {
        String id = newId("indicator");
        post(indicator(id, "2021-01-01T00:00:00.000Z"));
        error(alice().get(RW + "objects/" + newId("indicator") + "/").then(), 404);
        Response r = alice().queryParam("match[version]", "2020-01-01T00:00:00.000Z").get(RW + "objects/" + id + "/");
        r.then().statusCode(200).body(equalTo("{}"));
        assertEquals("1970-01-01T00:00:00.000000Z", r.header("X-TAXII-Date-Added-First"));
        error(alice().get(RW + "objects/" + newId("indicator") + "/versions/").then(), 404);
    }

    @Test
    void versionsAscendingByDateAdded() {
        String id = newId("indicator");
        post(indicator(id, "2021-03-01T00:00:00.000Z"));
        post(indicator(id, "2021-01-01T00:00:00.000Z"));
        Response r = alice().get(RW + "objects/" + id + "/versions/");
        r.then().statusCode(200).contentType(equalTo(TAXII)).body("more", equalTo(false))
                .body("versions", contains("2021-03-01T00:00:00.000Z", "2021-01-01T00:00:00.000Z"));
        alice().queryParam("limit", "1").get(RW + "objects/" + id + "/versions").then()
                .body("versions", contains("2021-03-01T00:00:00.000Z")).body("more", equalTo(true));
        error(alice().get("/ndn/collections/" + TestCatalog.WO.id() + "/objects/" + id + "/versions/").then(), 403);
    }

    @Test
    void deleteFollowsTheReadWriteTable() {
        String id = newId("indicator");
        error(alice().delete(objectUrl(TestCatalog.NONE.id(), id)).then(), 404);
        error(alice().delete(objectUrl(TestCatalog.RO.id(), id)).then(), 403);
        error(alice().delete(objectUrl(TestCatalog.WO.id(), id)).then(), 403);
        error(alice().delete(objectUrl(TestCatalog.RW.id(), id)).then(), 404);
    }

    @Test
    void deleteOneVersionThenTheRest() {
        String id = newId("indicator");
        post(indicator(id, "2021-01-01T00:00:00.000Z"), indicator(id, "2021-02-01T00:00:00.000Z"));
        alice().queryParam("match[version]", "2021-02-01T00:00:00.000Z").delete(RW + "objects/" + id + "/")
                .then().statusCode(200).contentType(equalTo(TAXII)).body(emptyString());
        alice().queryParam("match[version]", "all").get(RW + "objects/" + id + "/").then()
                .body("objects.modified", contains("2021-01-01T00:00:00.000Z"));
        error(alice().queryParam("match[version]", "2021-02-01T00:00:00.000Z").delete(RW + "objects/" + id + "/")
                .then(), 404);
        alice().delete(RW + "objects/" + id).then().statusCode(200);
        error(alice().get(RW + "objects/" + id + "/").then(), 404);
        alice().get(RW + "manifest/").then().body(equalTo("{}"));
    }
}

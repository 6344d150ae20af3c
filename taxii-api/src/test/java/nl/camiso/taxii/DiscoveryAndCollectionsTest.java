package nl.camiso.taxii;

import nl.camiso.taxii.testing.HttpTestBase;
import nl.camiso.taxii.testing.TestCatalog;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** §4.1 discovery, §4.2 API root, §5.1 collections, §5.2 collection, with per-requester visibility. */
class DiscoveryAndCollectionsTest extends HttpTestBase {

    @Test
    void discoveryListsOnlyVisibleApiRootsAsRelativeUrls() {
        anonymous().get("/taxii2/").then().statusCode(200).contentType(equalTo(TAXII))
                .body("title", equalTo("CAMISO test"))
                .body("contact", equalTo("soc@example.nl"))
                .body("description", nullValue())
                .body("default", equalTo("/ndn/"))
                .body("api_roots", contains("/ndn/"));
    }

    @Test
    void apiRootInformation() {
        anonymous().get("/ndn/").then().statusCode(200).contentType(equalTo(TAXII))
                .body("title", equalTo("NDN"))
                .body("versions", contains(TAXII))
                .body("max_content_length", equalTo((int) TestCatalog.MAX_CONTENT_LENGTH));
    }

    @Test
    void trailingSlashIsOptional() {
        anonymous().get("/taxii2").then().statusCode(200);
        anonymous().get("/ndn").then().statusCode(200);
        alice().get("/ndn/collections").then().statusCode(200);
        alice().get(RW.substring(0, RW.length() - 1)).then().statusCode(200);
        alice().get(RW + "objects").then().statusCode(200);
    }

    @Test
    void invisibleApiRootIs404Everywhere() {
        error(anonymous().get("/hidden/").then(), 404);
        error(alice().get("/hidden/collections/").then(), 404);
        error(alice().get("/hidden/status/" + java.util.UUID.randomUUID() + "/").then(), 404);
    }

    @Test
    void collectionsShowOnlyReadableOrWritableOnesWithPerRequesterFlags() {
        alice().get("/ndn/collections/").then().statusCode(200).contentType(equalTo(TAXII))
                .body("collections.title", contains("rw", "ro", "wo", "boom"))
                .body("collections.can_read", contains(true, true, false, true))
                .body("collections.can_write", contains(true, false, true, false))
                .body("collections[0].alias", equalTo("read-write"))
                .body("collections[0].media_types", contains("application/stix+json;version=2.1"));
    }

    @Test
    void noCollectionsIsAnEmptyObject() {
        anonymous().get("/ndn/collections/").then().statusCode(200).body(equalTo("{}"));
    }

    @Test
    void collectionByIdOrAlias() {
        alice().get(RW).then().statusCode(200)
                .body("id", equalTo(TestCatalog.RW.id()))
                .body("can_read", equalTo(true)).body("can_write", equalTo(true));
        alice().get("/ndn/collections/read-write/").then().statusCode(200).body("id", equalTo(TestCatalog.RW.id()));
    }

    @Test
    void collectionWithoutAnyRightIsIndistinguishableFromAMissingOne() {
        String none = error(alice().get("/ndn/collections/" + TestCatalog.NONE.id() + "/").then(), 404)
                .extract().asString();
        String missing = error(alice().get("/ndn/collections/" + java.util.UUID.randomUUID() + "/").then(), 404)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(missing, none);
        error(anonymous().get(RW).then(), 404);
    }
}

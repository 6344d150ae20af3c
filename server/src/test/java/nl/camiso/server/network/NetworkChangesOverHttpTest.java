package nl.camiso.server.network;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.testing.SampleServer;
import nl.camiso.stix.marking.TlpMarkings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One network for everything: a change made through the admin API is seen at once, and alike, by
 * the read rule, by the ingest rules (which collections' readers cover another's) and by the
 * sightings forwarder (who runs an initiative, with which identity). The real server, the sample
 * network, H2.
 */
class NetworkChangesOverHttpTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String NDN_RED = "9693ebaf-7c27-49b1-bc78-61ba4b898934";
    static final String CITRIX_INDICATOR = "indicator--a5aebcce-c3a5-4fac-8e81-d653785f397a";
    static final String KOELHUIS = "identity--db1cb953-14a0-4dc3-b6b2-c4098ec94a57";

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-network-changes-test");

    static RequestSpecification as(String user) {
        return sample.as(user);
    }

    static RequestSpecification admin() {
        return sample.admin();
    }

    static int readStatus(String user, String collection) {
        return as(user).accept(TAXII).get("ndn/collections/" + collection + "/objects/").statusCode();
    }

    static JsonPath post(String user, String collection, String objects) {
        return as(user).accept(TAXII).contentType(TAXII).body("{\"objects\":[" + objects + "]}")
                .post("ndn/collections/" + collection + "/objects/").then().statusCode(202).extract().jsonPath();
    }

    /** A new indicator and a relationship from it to {@code target}, as the NCSC would post them. */
    static String indicatorRelatedTo(String target) {
        String indicator = "indicator--" + UUID.randomUUID();
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + indicator + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"name\":\"Beacon\",\"indicator_types\":[\"malicious-activity\"],"
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.9']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-11-21T10:00:00Z\"},"
                + "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--" + UUID.randomUUID() + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"relationship_type\":\"related-to\",\"source_ref\":\"" + indicator + "\",\"target_ref\":\"" + target + "\"}";
    }

    @Test
    void aRedListAndAMembershipChangeAreSeenByReadingAndByTheReferenceRule() {
        String amberObject = as("ncsc-analyst").accept(TAXII).get("ndn/collections/ndn-amber/objects/?match[type]=indicator")
                .then().statusCode(200).extract().jsonPath().getString("objects[0].id");

        // every account named on ndn-red reads ndn-amber, so ndn-red may refer to what ndn-amber holds
        assertEquals(404, readStatus("ferm-analyst", NDN_RED));
        assertEquals(2, post("ncsc-analyst", NDN_RED, indicatorRelatedTo(amberObject)).getInt("success_count"));

        // FERM's analyst is named on ndn-red: it reads it at once, and it does not read ndn-amber,
        // so the same reference would now show ndn-red's readers an object some of them cannot see
        admin().put("x-camiso/admin/collections/" + NDN_RED + "/red-accounts/ferm-analyst/").then().statusCode(201);
        assertEquals(200, readStatus("ferm-analyst", NDN_RED));
        assertEquals(404, readStatus("ferm-analyst", "ndn-amber"));
        JsonPath refused = post("ncsc-analyst", NDN_RED, indicatorRelatedTo(amberObject));
        assertEquals(1, refused.getInt("success_count"), refused.prettify());
        assertTrue(refused.getString("failures[0].message").startsWith("refers to " + amberObject), refused.prettify());

        // FERM gets AMBER clearance in the hub's community: it reads ndn-amber, and the reference is fine again
        admin().body("{\"clearance\":\"AMBER\"}").put("x-camiso/admin/initiatives/ndn/members/ferm/").then().statusCode(200);
        assertEquals(200, readStatus("ferm-analyst", "ndn-amber"));
        assertEquals(2, post("ncsc-analyst", NDN_RED, indicatorRelatedTo(amberObject)).getInt("success_count"));

        // and back: FERM off the RED list and GREEN again
        admin().body("{\"clearance\":\"GREEN\"}").put("x-camiso/admin/initiatives/ndn/members/ferm/").then().statusCode(200);
        admin().delete("x-camiso/admin/collections/" + NDN_RED + "/red-accounts/ferm-analyst/").then().statusCode(204);
        assertEquals(404, readStatus("ferm-analyst", NDN_RED));
        assertEquals(2, post("ncsc-analyst", NDN_RED, indicatorRelatedTo(amberObject)).getInt("success_count"));
    }

    @Test
    void anIdentityChangeIsSeenByTheForwarderAndByTheCreatorRule() {
        String newIdentity = "identity--" + UUID.randomUUID();
        admin().body("{\"title\":\"FERM (Port of Rotterdam)\",\"role\":\"initiative\",\"identity\":\"" + newIdentity + "\"}")
                .put("x-camiso/admin/organisations/ferm/").then().statusCode(200);
        // the new identity object is published where everyone sees it (forwarded sightings refer to it)
        String identity = "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + newIdentity + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"name\":\"FERM (Port of Rotterdam)\",\"identity_class\":\"organization\"}";
        assertEquals(1, post("admin", "ndn-clear", identity).getInt("success_count"));

        String sighting = "{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\"sighting--" + UUID.randomUUID() + "\","
                + "\"created_by_ref\":\"" + KOELHUIS + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"first_seen\":\"2026-11-21T08:00:00.000Z\",\"last_seen\":\"2026-11-21T09:00:00.000Z\",\"count\":3,"
                + "\"sighting_of_ref\":\"" + CITRIX_INDICATOR + "\",\"where_sighted_refs\":[\"" + KOELHUIS + "\"],"
                + "\"object_marking_refs\":[\"" + TlpMarkings.TLP2_GREEN + "\"]}";
        assertEquals(1, post("koelhuis-botlek-analyst", "ferm-reports", sighting).getInt("success_count"));

        JsonPath status = as("ferm-analyst").accept(ContentType.JSON).contentType(ContentType.JSON)
                .body("{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-reports\"}")
                .post("ndn/x-camiso/sightings/forward/").then().statusCode(202).extract().jsonPath();
        // the forwarder names FERM by the identity the network has now, and the creator rule agrees
        boolean found = false;
        for (String id : status.getList("successes.id", String.class)) {
            Map<String, Object> o = as("ncsc-analyst").accept(TAXII).get("ndn/collections/ndn-reports/objects/" + id + "/")
                    .then().statusCode(200).extract().jsonPath().getMap("objects[0]");
            assertEquals(newIdentity, o.get("created_by_ref"));
            found |= CITRIX_INDICATOR.equals(o.get("sighting_of_ref"));
        }
        assertTrue(found, status.prettify());
        List<String> refusals = status.getList("failures.message", String.class);
        assertTrue(refusals.stream().noneMatch(m -> m.contains("created_by_ref")), refusals.toString());
    }
}

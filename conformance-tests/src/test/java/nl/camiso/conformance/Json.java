package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** JSON helpers: responses are parsed with Jackson so that e.g. "404" and 404 stay distinguishable. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(Response response) {
        byte[] body = response.asByteArray();
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null) {
                fail("expected a JSON body, got an empty one (HTTP " + response.statusCode() + ")");
            }
            return node;
        } catch (IOException e) {
            return fail("response body is not JSON (HTTP " + response.statusCode() + "): " + response.asString());
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text values of one property of each element, e.g. the ids of a list of objects. */
    static List<String> texts(JsonNode array, String property) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.path(property).asText());
        }
        return out;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }
}

package nl.camiso.conformance.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * What the benchmark needs of a TAXII envelope: how many objects, {@code more} and {@code next}.
 * Read with a streaming parser that goes over every byte (a malformed page fails) without
 * building a tree of each object: the client shares the machine with the server, and a tree of
 * 1,000 objects a page cost it more CPU than the server spent on the page.
 */
record EnvelopePage(int objects, boolean more, String next) {

    private static final JsonFactory JSON = new JsonFactory();

    static EnvelopePage of(byte[] body) throws IOException {
        int objects = 0;
        boolean more = false;
        String next = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a TAXII envelope: " + new String(body, 0, Math.min(body.length, 200)));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "more" -> more = value == JsonToken.VALUE_TRUE;
                    case "next" -> next = p.getValueAsString();
                    case "objects" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            p.skipChildren();
                            objects++;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return new EnvelopePage(objects, more, more ? next : null);
    }
}

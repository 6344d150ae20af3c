package nl.camiso.server.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import nl.camiso.stix.StixJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The objects of a STIX bundle file, one at a time: a streaming parser walks the bundle and only
 * the current item of its {@code objects} array is ever a tree, so a file of any size needs the
 * memory of its largest object. Each pass reads the file again; {@link #scan} first checks the
 * whole file (well-formed JSON, a bundle) so that nothing is imported from a broken file.
 */
final class BundleStream {

    /** The file is readable JSON but not a STIX bundle, or not JSON at all: the message says which and where. */
    static final class BadBundle extends IOException {
        BadBundle(String message) {
            super(message);
        }
    }

    /** What a scan found: the number of items in {@code objects}, and how many are marking definitions. */
    record Scan(int objects, int markingDefinitions) {
    }

    /** Receives the items of {@code objects} in file order, with their index. */
    interface ItemHandler {
        void item(int index, JsonNode item) throws IOException;
    }

    /** One item at a time: the rest of the file follows it, so no check for trailing tokens here. */
    private static final ObjectReader ITEM_READER =
            StixJson.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BundleStream() {
    }

    /** Reads the whole file once without keeping anything: a bundle and well-formed, or {@link BadBundle}. */
    static Scan scan(Path file) throws IOException {
        int[] counts = new int[2];
        forEach(file, (i, item) -> {
            counts[0]++;
            if (isMarkingDefinition(item)) {
                counts[1]++;
            }
        });
        return new Scan(counts[0], counts[1]);
    }

    static boolean isMarkingDefinition(JsonNode item) {
        return item.isObject() && "marking-definition".equals(item.path("type").asText());
    }

    /**
     * Walks the file and hands each item of the bundle's {@code objects} to {@code handler}. The
     * {@code "type": "bundle"} member may come after the objects, so a file that turns out not to be
     * a bundle is only known at the end: run {@link #scan} before doing anything with the items.
     */
    static void forEach(Path file, ItemHandler handler) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        try (JsonParser p = StixJson.mapper().getFactory().createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new BadBundle("empty file; expected a STIX bundle");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new BadBundle("not a STIX bundle: the file holds a JSON " + kind(first)
                        + ", a bundle is an object {\"type\": \"bundle\", \"id\": ..., \"objects\": [...]}");
            }
            String type = null;
            int index = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("type".equals(name)) {
                    type = value == JsonToken.VALUE_STRING ? p.getText() : kind(value);
                } else if ("objects".equals(name)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new BadBundle("the bundle's \"objects\" is a JSON " + kind(value) + ", not a list"
                                + at(p));
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode item = ITEM_READER.readTree(p);
                        handler.item(index++, item);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadBundle("more than one JSON value in the file" + at(p));
            }
            if (!"bundle".equals(type)) {
                throw new BadBundle("not a STIX bundle: " + (type == null ? "it has no \"type\""
                        : "its \"type\" is " + type) + "; only bundles can be imported");
            }
        } catch (JsonProcessingException e) {
            throw new BadBundle("not valid JSON: " + StixJson.problem(e));
        }
    }

    private static String at(JsonParser p) {
        return " (line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr() + ")";
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}

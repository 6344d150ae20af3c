package nl.camiso.stix;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads STIX content in the three shapes people exchange it in: a {@code bundle}, a bare JSON
 * array of objects, or one object, into a list of {@link StixObject}s that share the parsed tree
 * (nothing is copied, so writing an object back gives exactly what was read).
 *
 * <p>Only the shape is checked here; whether the objects are valid STIX is the validator's job.
 */
public final class Bundle {

    private Bundle() {
    }

    /** The objects of parsed content: a bundle's {@code objects}, an array's items, or the one object. */
    public static List<StixObject> objectsOf(JsonNode content) {
        if (content == null || content.isMissingNode() || content.isNull()) {
            throw new IllegalArgumentException("no STIX content: expected a bundle, an array of objects or an object");
        }
        if (content.isArray()) {
            return items(content, "");
        }
        if (!content.isObject()) {
            throw new IllegalArgumentException(
                    "STIX content must be a bundle, an array of objects or an object, got " + describe(content));
        }
        if (isBundle(content)) {
            JsonNode objects = content.get("objects");
            if (objects == null || objects.isNull()) {
                return List.of(); // a bundle MAY leave out objects
            }
            if (!objects.isArray()) {
                throw new IllegalArgumentException("bundle 'objects' must be an array, got " + describe(objects));
            }
            return items(objects, "objects");
        }
        return List.of(StixObject.of(content));
    }

    /** Whether the node is a JSON object with {@code "type": "bundle"}. */
    public static boolean isBundle(JsonNode content) {
        return content != null && content.isObject() && "bundle".equals(content.path("type").textValue());
    }

    /** Parses JSON bytes with {@link StixJson} and returns the objects; malformed JSON gives an {@link IOException}. */
    public static List<StixObject> parse(byte[] json) throws IOException {
        return objectsOf(StixJson.parse(json));
    }

    public static List<StixObject> parse(InputStream json) throws IOException {
        return objectsOf(StixJson.parse(json));
    }

    public static List<StixObject> read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    private static List<StixObject> items(JsonNode array, String path) {
        List<StixObject> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                throw new IllegalArgumentException(path + "[" + i + "] must be a STIX object (a JSON object), got " + describe(item));
            }
            out.add(StixObject.of(item));
        }
        return Collections.unmodifiableList(out);
    }

    private static String describe(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}

package nl.camiso.stix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration every module uses for STIX content.
 *
 * <p>STIX objects are kept as Jackson trees rather than bound to classes: that is what lets
 * custom properties, extensions and unknown types survive untouched, in their original order.
 * Numbers are read as exact decimals so that {@code 7.0} is written back as {@code 7.0}, and
 * timestamps are plain strings, so they are written back with exactly the characters they came
 * with.
 */
public final class StixJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StixJson() {
    }

    /** The shared mapper; thread-safe, do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text; throws {@link IOException} (a {@code JsonProcessingException}) on malformed input. */
    public static JsonNode parse(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    public static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    public static JsonNode parse(InputStream json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** Compact serialisation, property order as in the tree. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] writeBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isDuplicateDetectionOn() {
        return MAPPER.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}

package nl.camiso.stix;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
 * Duplicate keys and trailing content are rejected when parsing.
 *
 * <p>What a parse followed by a write guarantees (checked over the whole shared corpus by
 * {@code StixJsonRoundTripTest}):
 * <ul>
 *   <li>the same keys in the same order, the same structure, the same values;</li>
 *   <li>every string decodes to exactly the same characters; a string that needed no escape in
 *       the input (every timestamp, for one) is written byte for byte as it came. Escapes that
 *       were optional (<code>&#92;u00e9</code>, <code>&#92;/</code>) are written as the plain UTF-8 character;
 *       a lone surrogate is written as a <code>&#92;uXXXX</code> escape by the byte writers;</li>
 *   <li>integers of any size and decimals are written with exactly their digits, trailing zeros
 *       included ({@code 7.0} stays {@code 7.0}, {@code 1} stays {@code 1}, {@code 1.50} stays
 *       {@code 1.50}): numbers are read as exact {@code BigDecimal}s, never as doubles;</li>
 *   <li>two documented normalisations keep the value but not the spelling: exponent notation is
 *       written in {@link java.math.BigDecimal#toString()} form ({@code 1e5} becomes {@code 1E+5},
 *       {@code 12e-1} becomes {@code 1.2}), and a negative zero loses its sign ({@code -0.0}
 *       becomes {@code 0.0}). STIX content has neither in practice (the corpus has none).</li>
 * </ul>
 * Whitespace between tokens is not kept: output is compact.
 */
public final class StixJson {

    private static final JsonMapper MAPPER = builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * The reader {@link #parse} uses. It finds duplicate keys while building the tree, where the
     * map insert reports an existing key for free, instead of through the parser's
     * {@code STRICT_DUPLICATE_DETECTION}, which keeps an extra set of names per object (about a
     * seventh of the parse time). Same verdict: every object at every depth is checked. A mapper
     * of its own, because {@code ObjectReader.without(STRICT_DUPLICATE_DETECTION)} leaves the
     * parser's detector in place (Jackson 2.23).
     */
    private static final ObjectReader TREE_READER = builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build()
            .reader();

    /** What both mappers share: exact numbers, nothing after the value. */
    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private StixJson() {
    }

    /** The shared mapper; thread-safe, do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text; throws {@link IOException} (a {@code JsonProcessingException}) on malformed input. */
    public static JsonNode parse(byte[] json) throws IOException {
        try {
            return TREE_READER.readTree(json);
        } catch (MismatchedInputException e) {
            throw duplicateKey(e);
        }
    }

    public static JsonNode parse(String json) throws IOException {
        try {
            return TREE_READER.readTree(json);
        } catch (MismatchedInputException e) {
            throw duplicateKey(e);
        }
    }

    public static JsonNode parse(InputStream json) throws IOException {
        try {
            return TREE_READER.readTree(json);
        } catch (MismatchedInputException e) {
            throw duplicateKey(e);
        }
    }

    private static final String TREE_DUPLICATE_MESSAGE = "Duplicate field '";

    /**
     * A duplicate key found by the tree reader, reported as the parser would ({@code Duplicate
     * field 'id'}, a parse error), without Jackson's hint about its configuration.
     */
    private static JsonProcessingException duplicateKey(MismatchedInputException e) {
        String m = e.getOriginalMessage();
        if (m == null || !m.startsWith(TREE_DUPLICATE_MESSAGE)) {
            return e;
        }
        int end = m.indexOf('\'', TREE_DUPLICATE_MESSAGE.length());
        String clean = end < 0 ? m : m.substring(0, end + 1);
        return new JsonParseException(null, clean, e.getLocation());
    }

    /**
     * What is wrong with malformed JSON, in words for the client who sent it: Jackson's message
     * without the names of its classes and settings, and where (line, column).
     */
    public static String problem(JsonProcessingException e) {
        String what;
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage()
                .replaceAll(" ?\\(start marker at \\[Source:[^\\]]*\\]\\)", "");
        if (e instanceof StreamConstraintsException) {
            what = "a number, string, name or nesting depth is larger than this server accepts";
        } else if (m.startsWith("Trailing token")) {
            what = "more than one JSON value; send exactly one";
        } else if (m.isEmpty() || m.contains("`") || m.contains("com.fasterxml") || m.contains("java.")) {
            what = "malformed JSON";
        } else {
            what = m.length() > 300 ? m.substring(0, 300) + "..." : m;
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
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
        return MAPPER.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                && TREE_READER.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }
}

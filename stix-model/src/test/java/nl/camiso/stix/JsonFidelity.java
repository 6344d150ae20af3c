package nl.camiso.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares an original JSON text with what we wrote back, token by token, so that key order,
 * every key, every value and every number's spelling are checked, not just tree equality
 * (Jackson's {@code ObjectNode.equals} ignores key order).
 *
 * <p>What is asserted:
 * <ul>
 *   <li>the same token sequence (so the same structure and key order);</li>
 *   <li>every key and string value decodes to the same characters;</li>
 *   <li>every string that was written without escapes in the original (all timestamps are) is
 *       byte-identical between its quotes in the output;</li>
 *   <li>every number is spelled exactly as in the original, except for the normalisations
 *       documented on {@link StixJson}: exponent notation is written in {@link BigDecimal}'s
 *       form ({@code 1e5} becomes {@code 1E+5}) and a negative zero loses its sign.</li>
 * </ul>
 */
final class JsonFidelity {

    private static final JsonFactory PLAIN = new JsonFactory();
    private static final Pattern TIMESTAMP_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    private JsonFidelity() {
    }

    /** Counts of what was compared, so tests can assert the check really ran on something. */
    record Counts(long tokens, long strings, long rawIdenticalStrings, long timestamps, long numbers) {
    }

    static Counts assertSameJson(String label, byte[] original, byte[] written) {
        long tokens = 0, strings = 0, raw = 0, timestamps = 0, numbers = 0;
        try (JsonParser a = PLAIN.createParser(original); JsonParser b = PLAIN.createParser(written)) {
            JsonToken ta;
            while ((ta = a.nextToken()) != null) {
                tokens++;
                JsonToken tb = b.nextToken();
                String where = label + " at " + a.getParsingContext().pathAsPointer();
                assertEquals(ta, tb, where + ": token");
                switch (ta) {
                    case FIELD_NAME -> assertEquals(a.currentName(), b.currentName(), where + ": key");
                    case VALUE_STRING -> {
                        strings++;
                        String text = a.getText();
                        assertEquals(text, b.getText(), where + ": string");
                        byte[] rawA = rawString(original, a);
                        byte[] rawB = rawString(written, b);
                        boolean escaped = indexOf(rawA, (byte) '\\') >= 0;
                        if (!escaped) {
                            if (!Arrays.equals(rawA, rawB)) {
                                fail(where + ": string bytes differ: " + new String(rawA, java.nio.charset.StandardCharsets.UTF_8)
                                        + " vs " + new String(rawB, java.nio.charset.StandardCharsets.UTF_8));
                            }
                            raw++;
                        }
                        if (TIMESTAMP_LIKE.matcher(text).matches()) {
                            // timestamps never need escapes, so they must be byte-identical
                            assertEquals(false, escaped, where + ": timestamp written with escapes in the original");
                            timestamps++;
                        }
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        numbers++;
                        assertEquals(expectedNumberText(a.getText()), b.getText(), where + ": number");
                    }
                    default -> {
                    }
                }
            }
            assertNull(b.nextToken(), label + ": output has more tokens than the original");
        } catch (IOException e) {
            throw new AssertionError(label + ": " + e, e);
        }
        return new Counts(tokens, strings, raw, timestamps, numbers);
    }

    /** The spelling {@link StixJson} guarantees for a number read as {@code original}. */
    static String expectedNumberText(String original) {
        boolean exponent = original.indexOf('e') >= 0 || original.indexOf('E') >= 0;
        if (exponent) {
            return new BigDecimal(original).toString();
        }
        if (original.startsWith("-") && original.chars().skip(1).allMatch(c -> c == '0' || c == '.')) {
            return original.substring(1); // -0, -0.0: BigDecimal and long have no negative zero
        }
        return original;
    }

    /** The bytes between the quotes of the string token the parser is on. */
    private static byte[] rawString(byte[] doc, JsonParser p) {
        int start = (int) p.currentTokenLocation().getByteOffset();
        if (doc[start] != '"') {
            throw new IllegalStateException("string token does not start with a quote at " + start);
        }
        int i = start + 1;
        while (doc[i] != '"') {
            i += doc[i] == '\\' ? 2 : 1;
        }
        return Arrays.copyOfRange(doc, start + 1, i);
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}

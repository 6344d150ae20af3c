package nl.camiso.stix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StixJsonTest {

    private static String roundTrip(String json) throws IOException {
        return StixJson.write(StixJson.parse(json));
    }

    private static void assertExact(String json) throws IOException {
        String written = roundTrip(json);
        assertEquals(json, written);
        JsonFidelity.assertSameJson("inline", json.getBytes(StandardCharsets.UTF_8), written.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void customTypeCustomPropertiesExtensionsAndKeyOrderAreKept() throws IOException {
        assertExact("{\"type\":\"x-acme-widget\",\"spec_version\":\"2.1\",\"id\":\"x-acme-widget--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\","
                + "\"zeta\":1,\"alpha\":[{\"b\":null,\"a\":true}],\"x_acme_score\":7.0,"
                + "\"extensions\":{\"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e\":"
                + "{\"extension_type\":\"property-extension\",\"rank\":5,\"nested\":{\"z\":[],\"y\":{}}}},"
                + "\"created\":\"2016-04-06T20:03:48.000123456789Z\",\"modified\":\"2016-04-06T20:03:48Z\"}");
    }

    @Test
    void timestampsOfEveryPrecisionAreWrittenAsTheyCame() throws IOException {
        assertExact("{\"a\":\"2016-04-06T20:03:48Z\",\"b\":\"2016-04-06T20:03:48.1Z\",\"c\":\"2016-04-06T20:03:48.100Z\","
                + "\"d\":\"2016-04-06T20:03:48.000000Z\",\"e\":\"2016-12-31T23:59:60.5Z\",\"f\":\"not a timestamp 2016-04-06\"}");
    }

    @ParameterizedTest(name = "{0} stays {0}")
    @CsvSource(delimiter = '|', value = {
            "7.0", "1.50", "0.000", "-12.25", "0", "1", "-1", "42",
            "9223372036854775807", "9223372036854775808", "-123456789012345678901234567890",
            "3.14159265358979323846264338327950288419716939937510",
            "0.1", "100.0"})
    void numbersKeepTheirSpelling(String number) throws IOException {
        assertExact("{\"n\":" + number + ",\"l\":[" + number + "]}");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource(delimiter = '|', value = {
            "1e5|1E+5", "1E5|1E+5", "1e+5|1E+5", "2.5e-3|0.0025", "1E400|1E+400", "12e-1|1.2",
            "-0|0", "-0.0|0.0"})
    void exponentsAndNegativeZeroAreNormalisedButKeepTheirValue(String number, String written) throws IOException {
        String out = roundTrip("{\"n\":" + number + "}");
        assertEquals("{\"n\":" + written + "}", out);
        assertEquals(JsonFidelity.expectedNumberText(number), written, "the documented normalisation");
        assertEquals(0, new java.math.BigDecimal(number).compareTo(new java.math.BigDecimal(written)), "same value");
    }

    @Test
    void integerAndDecimalOfTheSameValueStayDistinct() throws IOException {
        JsonNode one = StixJson.parse("1");
        JsonNode oneDotZero = StixJson.parse("1.0");
        assertTrue(one.isIntegralNumber());
        assertTrue(oneDotZero.isBigDecimal());
        assertEquals("1.0", StixJson.write(oneDotZero));
        assertTrue(!one.equals(oneDotZero));
    }

    @Test
    void stringsKeepEveryCharacter() throws IOException {
        // escapes decode to the same characters; they are written as UTF-8 (or as short escapes where JSON requires)
        String in = "{\"s\":\"caf\\u00e9 \\u2019quoted\\u2019 \\ud83d\\ude00 \\/ tab\\t nl\\n q\\\" bs\\\\ ctl\\u0001 \u20ac\"}";
        String out = roundTrip(in);
        assertEquals(StixJson.parse(in).get("s").textValue(), StixJson.parse(out).get("s").textValue());
        assertEquals("{\"s\":\"café ’quoted’ \uD83D\uDE00 / tab\\t nl\\n q\\\" bs\\\\ ctl\\u0001 €\"}", out);
        JsonFidelity.assertSameJson("escapes", in.getBytes(StandardCharsets.UTF_8), out.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLoneSurrogateSurvivesAsAnEscape() throws IOException {
        JsonNode in = StixJson.parse("{\"s\":\"a\\ud800b\"}");
        byte[] out = StixJson.writeBytes(in);
        assertEquals("{\"s\":\"a\\uD800b\"}", new String(out, StandardCharsets.UTF_8));
        assertEquals(in, StixJson.parse(out));
    }

    @Test
    void duplicateKeysAreRejected() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> StixJson.parse("{\"id\":\"a\",\"type\":\"b\",\"id\":\"c\"}"));
        assertTrue(e.getOriginalMessage().contains("Duplicate field 'id'"), e.getOriginalMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":1,\"a\":1}|a",
            "{\"a\":{\"x\":1},\"a\":[2]}|a",
            "{\"o\":{\"b\":\"x\",\"c\":null,\"b\":\"y\"}}|b",
            "{\"objects\":[{\"id\":\"a\"},{\"type\":\"t\",\"k\":{},\"type\":\"t\"}]}|type",
            "[{\"n\":[{\"deep\":true,\"deep\":false}]}]|deep"})
    void duplicateKeysAreRejectedAtEveryDepthWithAPlainMessageAndALocation(String json, String key) {
        for (ThrowingParse parse : new ThrowingParse[] {
                () -> StixJson.parse(json),
                () -> StixJson.parse(json.getBytes(StandardCharsets.UTF_8)),
                () -> StixJson.parse(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))}) {
            JsonProcessingException e = assertThrows(JsonProcessingException.class, parse::run);
            assertEquals("Duplicate field '" + key + "'", e.getOriginalMessage());
            assertTrue(e.getLocation() != null && e.getLocation().getLineNr() == 1, String.valueOf(e.getLocation()));
        }
    }

    private interface ThrowingParse {
        void run() throws IOException;
    }

    @Test
    void sameKeysInSiblingObjectsAreNoDuplicates() throws IOException {
        assertExact("{\"a\":{\"k\":1},\"b\":{\"k\":2},\"c\":[{\"k\":3},{\"k\":4}]}");
    }

    @Test
    void emptyInputIsAMissingNode() throws IOException {
        assertTrue(StixJson.parse("").isMissingNode());
        assertTrue(StixJson.parse(new byte[0]).isMissingNode());
    }

    @Test
    void trailingContentIsRejected() {
        assertThrows(JsonProcessingException.class, () -> StixJson.parse("{\"a\":1} {\"b\":2}"));
        assertThrows(JsonProcessingException.class, () -> StixJson.parse("{\"a\":1"));
    }

    @Test
    void theFidelityCheckNoticesReorderedKeys() throws IOException {
        // guards the guard: sorting keys on output must be caught although the trees are equal
        String in = "{\"b\":1,\"a\":2}";
        String sorted = StixJson.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(StixJson.mapper().readValue(in, java.util.Map.class));
        assertEquals(StixJson.parse(in), StixJson.parse(sorted), "Jackson's equals ignores key order");
        assertThrows(AssertionError.class, () -> JsonFidelity.assertSameJson("sorted",
                in.getBytes(StandardCharsets.UTF_8), sorted.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theFidelityCheckNoticesAChangedTimestampSpelling() {
        byte[] in = "{\"t\":\"2016-04-06T20:03:48.100Z\"}".getBytes(StandardCharsets.UTF_8);
        byte[] out = "{\"t\":\"2016-04-06T20:03:48.1Z\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(AssertionError.class, () -> JsonFidelity.assertSameJson("ts", in, out));
        byte[] number = "{\"n\":7}".getBytes(StandardCharsets.UTF_8);
        byte[] numberOut = "{\"n\":7.0}".getBytes(StandardCharsets.UTF_8);
        assertThrows(AssertionError.class, () -> JsonFidelity.assertSameJson("n", number, numberOut));
    }
}

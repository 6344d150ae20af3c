package nl.camiso.stix.id;

import nl.camiso.stix.StixJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonCanonicalizerTest {

    private static String jcs(String json) throws IOException {
        return JsonCanonicalizer.canonicalize(StixJson.parse(json));
    }

    @Test
    void rfc8785Section323SortingExample() throws IOException {
        String in = "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"\\r\": \"Carriage Return\",\n  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                + "  \"1\": \"One\",\n  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n  \"\\u0080\": \"Control\",\n"
                + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n}";
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\",\"\uD83D\uDE00\":\"Emoji: Grinning Face\",\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}", jcs(in));
    }

    @Test
    void rfc8785Section324CompleteExample() throws IOException {
        String in = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n                2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": [null, true, false]\n}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, jcs(in));
    }

    @Test
    void nestedStructuresAreSortedAtEveryLevelAndArraysKeepTheirOrder() throws IOException {
        assertEquals("{\"a\":{\"x\":[3,{\"b\":1,\"c\":2}],\"y\":\"\"},\"b\":[]}",
                jcs("{ \"b\" : [ ], \"a\" : { \"y\" : \"\", \"x\" : [ 3, { \"c\" : 2, \"b\" : 1 } ] } }"));
    }

    @Test
    void stringsUseOnlyTheMandatoryEscapes() throws IOException {
        assertEquals("\"\\b\\t\\n\\f\\r\\u0000\\u001f\u007f\u2028 <>&'/\"", jcs("\"\\b\\t\\n\\f\\r\\u0000\\u001F\\u007f\\u2028 <>&'\\/\""));
        assertThrows(IllegalArgumentException.class, () -> jcs("\"\\ud800\""));
        assertThrows(IllegalArgumentException.class, () -> jcs("\"\\udc00x\""));
    }

    /** RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"})
    void rfc8785AppendixBNumbers(String bits, String expected) {
        assertEquals(expected, JsonCanonicalizer.formatNumber(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1.0, 1", "100, 100", "1e21, 1e+21", "1e20, 100000000000000000000", "0.1, 0.1", "1e-7, 1e-7", "1.5e-6, 0.0000015",
            "-0.0, 0", "123456789012345678901234567890, 1.2345678901234568e+29", "9007199254740993, 9007199254740992", "7.0, 7"})
    void jsonNumbersAreTheirDoubleValue(String json, String expected) throws IOException {
        assertEquals(expected, jcs(json));
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> jcs("1e400"));
        assertThrows(IllegalArgumentException.class, () -> JsonCanonicalizer.formatNumber(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonCanonicalizer.formatNumber(Double.NEGATIVE_INFINITY));
    }

    @Test
    void utf8OfTheCanonicalText() throws IOException {
        assertArrayEquals("{\"\u00e9\":\"\u20ac\"}".getBytes(StandardCharsets.UTF_8), JsonCanonicalizer.canonicalUtf8(StixJson.parse("{\"\\u00e9\":\"\\u20ac\"}")));
    }
}

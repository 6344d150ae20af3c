package nl.camiso.stix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StixTimestampTest {

    private static StixTimestamp t(String s) {
        return StixTimestamp.parse(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2016-04-06T20:03:48Z", "2016-04-06T20:03:48.1Z", "2016-04-06T20:03:48.123Z", "2016-04-06T20:03:48.123456Z",
            "2016-04-06T20:03:48.123456789012345Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
            "2016-02-29T00:00:00Z", "2000-02-29T12:00:00Z", "2016-12-31T23:59:60Z", "2016-12-31T23:59:60.5Z"})
    void valid(String text) {
        StixTimestamp ts = t(text);
        assertEquals(text, ts.text(), "the text is kept as written");
        assertEquals(text, ts.toString());
        assertTrue(StixTimestamp.isValid(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2018-02-30T21:31:22.007Z",     // Feb 30
            "2017-02-29T00:00:00Z",         // not a leap year
            "1900-02-29T00:00:00Z",         // century, not a leap year
            "2016-04-31T00:00:00Z",         // April has 30 days
            "2016-13-01T00:00:00Z", "2016-00-01T00:00:00Z", "2016-01-00T00:00:00Z", "2016-01-32T00:00:00Z",
            "2016-04-06T24:00:00Z", "2016-04-06T23:60:00Z", "2016-04-06T23:59:61Z",
            "2016-04-06T20:03:48",          // missing Z
            "2016-04-06T20:03:48.123",      // missing Z
            "2016-04-06T20:03:48z",         // lowercase z (STIX requires Z)
            "2016-04-06t20:03:48Z",         // lowercase t
            "2016-04-06 20:03:48Z",         // space
            "2016-04-06T20:03:48.Z",        // no digits after '.'
            "2016-04-06T20:03:48+00:00",    // offset instead of Z
            "2016-04-06T20:03:48.000+01:00",
            "2016-04-06T20:03Z",            // no seconds
            "16-04-06T20:03:48Z", "+2016-04-06T20:03:48Z", "2016-4-06T20:03:48Z",
            "2016-04-06T20:03:48Z ", " 2016-04-06T20:03:48Z", "2016-04-06T20:03:48Z\n",
            "2016-04-06T20:03:48,123Z",     // comma fraction
            "２016-04-06T20:03:48Z",        // non-ASCII digit
            ""})
    void invalid(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t(text));
        assertTrue(e.getMessage().contains(text.isEmpty() ? "''" : text.strip()), e.getMessage());
        assertFalse(StixTimestamp.isValid(text));
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> t(null));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "2016-04-06T20:03:48Z, 2016-04-06T20:03:48.000Z",
            "2016-04-06T20:03:48.1Z, 2016-04-06T20:03:48.100000Z",
            "2016-04-06T20:03:48.123Z, 2016-04-06T20:03:48.1230000000000Z"})
    void sameInstantAcrossPrecisions(String a, String b) {
        assertEquals(0, t(a).compareTo(t(b)));
        assertEquals(t(a), t(b));
        assertEquals(t(a).hashCode(), t(b).hashCode());
        assertNotEquals(t(a).text(), t(b).text(), "but the spellings stay apart");
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "2016-04-06T20:03:48.000Z, 2016-04-06T20:03:48.000123Z",
            "2016-04-06T20:03:48Z, 2016-04-06T20:03:48.0000000001Z",
            "2016-04-06T20:03:48.9Z, 2016-04-06T20:03:48.91Z",
            "2016-04-06T20:03:48.099Z, 2016-04-06T20:03:48.1Z",
            "2016-04-06T20:03:48.999999999999Z, 2016-04-06T20:03:49Z",
            "2016-04-06T20:03:48.123456789Z, 2016-04-06T20:03:48.1234567891Z",
            "2016-12-31T23:59:59.999999999999Z, 2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60Z, 2016-12-31T23:59:60.5Z",
            "2016-12-31T23:59:60.5Z, 2016-12-31T23:59:60.7Z",
            "2016-12-31T23:59:60.999Z, 2017-01-01T00:00:00Z",
            "1999-12-31T23:59:59Z, 2000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z, 1970-01-01T00:00:00Z"})
    void orderedAcrossPrecisions(String earlier, String later) {
        assertTrue(t(earlier).compareTo(t(later)) < 0);
        assertTrue(t(later).compareTo(t(earlier)) > 0);
        assertTrue(t(earlier).isBefore(t(later)));
        assertTrue(t(later).isAfter(t(earlier)));
        assertNotEquals(t(earlier), t(later));
    }

    @Test
    void sortingAMixOfPrecisions() {
        List<String> sorted = List.of("2016-04-06T20:03:47.99999Z", "2016-04-06T20:03:48Z", "2016-04-06T20:03:48.0001Z",
                "2016-04-06T20:03:48.001Z", "2016-04-06T20:03:48.01Z", "2016-04-06T20:03:48.1Z", "2016-04-06T20:03:59Z",
                "2016-04-06T20:03:60Z", "2016-04-06T20:04:00Z");
        List<StixTimestamp> shuffled = new ArrayList<>(sorted.stream().map(StixTimestamp::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);
        assertEquals(sorted, shuffled.stream().map(StixTimestamp::text).toList());
    }

    @Test
    void instantsAndMicros() {
        assertEquals(Instant.parse("2016-04-06T20:03:48.123456789Z"), t("2016-04-06T20:03:48.1234567891Z").toInstant());
        assertEquals(Instant.parse("2016-04-06T20:03:48Z").getEpochSecond(), t("2016-04-06T20:03:48.5Z").epochSecond());
        assertEquals(Instant.parse("2016-04-06T20:03:48.123456Z").toEpochMilli() * 1000 + 456, t("2016-04-06T20:03:48.1234567Z").epochMicros());
        assertEquals(Instant.parse("2016-12-31T23:59:59.999999999Z"), t("2016-12-31T23:59:60.25Z").toInstant());
        assertTrue(t("2016-12-31T23:59:60.25Z").isLeapSecond());
        assertFalse(t("2016-12-31T23:59:59Z").isLeapSecond());
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), t("0000-01-01T00:00:00Z").toInstant());
    }

    @Test
    void fractionDigitsAsWritten() {
        assertEquals(0, t("2016-04-06T20:03:48Z").fractionDigits());
        assertEquals(3, t("2016-04-06T20:03:48.000Z").fractionDigits());
        assertEquals(6, t("2016-04-06T20:03:48.100000Z").fractionDigits());
    }

    @Test
    void fromAnInstantWithAChosenPrecision() {
        Instant i = Instant.parse("2016-04-06T20:03:48.123456789Z");
        assertEquals("2016-04-06T20:03:48.123Z", StixTimestamp.of(i, 3).text());
        assertEquals("2016-04-06T20:03:48.123456Z", StixTimestamp.of(i, 6).text());
        assertEquals("2016-04-06T20:03:48Z", StixTimestamp.of(i, 0).text());
        assertEquals("2016-04-06T20:03:48.000Z", StixTimestamp.of(Instant.parse("2016-04-06T20:03:48Z"), 3).text());
        assertEquals("0001-01-01T00:00:00.0Z", StixTimestamp.of(Instant.parse("0001-01-01T00:00:00Z"), 1).text());
        assertThrows(IllegalArgumentException.class, () -> StixTimestamp.of(i, 10));
        assertThrows(IllegalArgumentException.class, () -> StixTimestamp.of(Instant.parse("+10000-01-01T00:00:00Z"), 3));
    }
}

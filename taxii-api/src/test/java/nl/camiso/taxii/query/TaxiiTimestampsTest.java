package nl.camiso.taxii.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaxiiTimestampsTest {

    @Test
    void formatsSixDigitsUtc() {
        assertEquals("1970-01-01T00:00:00.000000Z", TaxiiTimestamps.format(0));
        assertEquals("2021-06-10T12:00:00.000001Z", TaxiiTimestamps.format(TaxiiTimestamps.parseMicros(
                "2021-06-10T12:00:00.000001Z")));
        assertEquals("1969-12-31T23:59:59.999999Z", TaxiiTimestamps.format(-1));
    }

    @Test
    void parsesAnyStixPrecision() {
        assertEquals(1_000_000L, TaxiiTimestamps.parseMicros("1970-01-01T00:00:01Z"));
        assertEquals(1_500_000L, TaxiiTimestamps.parseMicros("1970-01-01T00:00:01.5Z"));
    }
}

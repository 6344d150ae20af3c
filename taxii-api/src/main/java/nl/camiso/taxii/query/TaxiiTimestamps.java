package nl.camiso.taxii.query;

import nl.camiso.stix.StixTimestamp;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** TAXII {@code timestamp} values (§2): RFC 3339 UTC with exactly six fraction digits. */
public final class TaxiiTimestamps {

    private TaxiiTimestamps() {
    }

    /** Epoch microseconds as {@code YYYY-MM-DDTHH:MM:SS.ssssssZ}. */
    public static String format(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(27);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        pad(sb, micros, 6).append('Z');
        return sb.toString();
    }

    /**
     * Parses a client timestamp ({@code added_after}) to epoch microseconds. Any RFC 3339 UTC form
     * STIX allows is accepted (no fraction, or 1+ digits); digits finer than a microsecond are
     * dropped, which keeps "strictly after" exact because {@code date_added} has microsecond precision.
     *
     * @throws IllegalArgumentException when the text is not a timestamp
     */
    public static long parseMicros(String text) {
        return StixTimestamp.parse(text).epochMicros();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}

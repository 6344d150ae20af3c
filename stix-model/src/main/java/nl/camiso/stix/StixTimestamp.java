package nl.camiso.stix;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3339 STIX timestamp ({@code YYYY-MM-DDTHH:mm:ss[.s+]Z}) that remembers the exact text it
 * was written with and compares by instant, across precisions: {@code ...48.000123Z} is later than
 * {@code ...48.000Z}, and {@code ...48.1Z} equals {@code ...48.100Z} in {@link #compareTo} while
 * {@link #text()} keeps both spellings apart.
 *
 * <p>Fractions finer than nanoseconds are compared by their digits, so no precision is lost.
 */
public final class StixTimestamp implements Comparable<StixTimestamp> {

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?Z");

    private final String text;
    private final long epochSecond;
    /** Fraction digits without trailing zeros, "" for none: compares lexicographically. */
    private final String fraction;
    private final int fractionDigits;

    private StixTimestamp(String text, long epochSecond, String fraction, int fractionDigits) {
        this.text = text;
        this.epochSecond = epochSecond;
        this.fraction = fraction;
        this.fractionDigits = fractionDigits;
    }

    /**
     * Parses a STIX timestamp strictly: UTC {@code Z} required, a real calendar date, and at least
     * one digit after a decimal point. A leap second ({@code :60}) is accepted as the spec's regex
     * allows and is ordered as the last moment of that minute.
     *
     * @throws IllegalArgumentException with a reason when the text is not a valid timestamp
     */
    public static StixTimestamp parse(String text) {
        Objects.requireNonNull(text, "timestamp");
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z): '" + text + "'");
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        if (hour > 23 || minute > 59 || second > 60) {
            throw new IllegalArgumentException("time of day out of range: '" + text + "'");
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such date: '" + text + "'");
        }
        long epoch = LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, Math.min(second, 59)))
                .toEpochSecond(ZoneOffset.UTC);
        String digits = m.group(7) == null ? "" : m.group(7);
        String trimmed = digits.replaceFirst("0+$", "");
        if (second == 60) {
            // order a leap second after :59.999… of the same minute
            trimmed = "9".repeat(Math.max(trimmed.length(), 9) + 1);
        }
        return new StixTimestamp(text, epoch, trimmed, digits.length());
    }

    /** Whether {@code text} is a valid STIX timestamp. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The timestamp exactly as it was written. */
    public String text() {
        return text;
    }

    /** Number of digits after the decimal point as written (0 when there is no fraction). */
    public int fractionDigits() {
        return fractionDigits;
    }

    public long epochSecond() {
        return epochSecond;
    }

    /** Microseconds since the epoch, truncated (finer digits are dropped). */
    public long epochMicros() {
        String micros = (fraction + "000000").substring(0, 6);
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), Long.parseLong(micros));
    }

    /** Nanoseconds since the epoch would overflow for far dates, so this gives an Instant. */
    public java.time.Instant toInstant() {
        String nanos = (fraction + "000000000").substring(0, 9);
        return java.time.Instant.ofEpochSecond(epochSecond, Long.parseLong(nanos));
    }

    @Override
    public int compareTo(StixTimestamp o) {
        int c = Long.compare(epochSecond, o.epochSecond);
        if (c != 0) {
            return c;
        }
        int len = Math.max(fraction.length(), o.fraction.length());
        String a = padRight(fraction, len);
        String b = padRight(o.fraction, len);
        return a.compareTo(b);
    }

    public boolean isBefore(StixTimestamp o) {
        return compareTo(o) < 0;
    }

    public boolean isAfter(StixTimestamp o) {
        return compareTo(o) > 0;
    }

    private static String padRight(String s, int len) {
        return s.length() >= len ? s : s + "0".repeat(len - s.length());
    }

    /** Equal when they denote the same instant, whatever the spelling; see {@link #text()}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StixTimestamp t && compareTo(t) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epochSecond, fraction);
    }

    @Override
    public String toString() {
        return text;
    }
}

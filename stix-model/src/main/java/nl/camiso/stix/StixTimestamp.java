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
 * <p>Fractions finer than nanoseconds are compared by their digits, so no precision is lost. A
 * leap second ({@code 23:59:60.5Z}) sorts after every instant of the second before it and before
 * the next minute; {@link #toInstant()} clamps it to the last nanosecond of {@code :59}, since
 * {@link java.time.Instant} has no leap seconds.
 */
public final class StixTimestamp implements Comparable<StixTimestamp> {

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?Z");

    private final String text;
    /** For a leap second, the epoch second of {@code :59} of that minute. */
    private final long epochSecond;
    private final boolean leapSecond;
    /** Fraction digits without trailing zeros, "" for none: compares lexicographically. */
    private final String fraction;
    private final int fractionDigits;

    private StixTimestamp(String text, long epochSecond, boolean leapSecond, String fraction, int fractionDigits) {
        this.text = text;
        this.epochSecond = epochSecond;
        this.leapSecond = leapSecond;
        this.fraction = fraction;
        this.fractionDigits = fractionDigits;
    }

    /**
     * Parses a STIX timestamp strictly: UTC {@code Z} required, a real calendar date, and at least
     * one digit after a decimal point. A leap second ({@code :60}) is accepted in any minute, as
     * the STIX timestamp schema allows, and is ordered as the last moment of that minute.
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
        return new StixTimestamp(text, epoch, second == 60, trimmed, digits.length());
    }

    /**
     * A timestamp for an instant, written with exactly {@code fractionDigits} digits after the
     * point (0 to 9; 0 writes no point), e.g. 3 for the millisecond precision STIX requires of
     * {@code created}/{@code modified}, 6 for microseconds. Finer digits are truncated.
     */
    public static StixTimestamp of(java.time.Instant instant, int fractionDigits) {
        Objects.requireNonNull(instant, "instant");
        if (fractionDigits < 0 || fractionDigits > 9) {
            throw new IllegalArgumentException("fraction digits must be 0 to 9, got " + fractionDigits);
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("year outside 0000-9999: " + instant);
        }
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        if (fractionDigits > 0) {
            sb.append('.').append(String.format(java.util.Locale.ROOT, "%09d", instant.getNano()), 0, fractionDigits);
        }
        return parse(sb.append('Z').toString());
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

    /** Seconds since the epoch; a leap second gives the second before it ({@code :59}). */
    public long epochSecond() {
        return epochSecond;
    }

    /** Whether this is a leap second ({@code :60}). */
    public boolean isLeapSecond() {
        return leapSecond;
    }

    /** Microseconds since the epoch, truncated (finer digits are dropped); a leap second gives {@code :59.999999}. */
    public long epochMicros() {
        String micros = leapSecond ? "999999" : (fraction + "000000").substring(0, 6);
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), Long.parseLong(micros));
    }

    /** The instant, truncated to nanoseconds; a leap second gives {@code :59.999999999}. */
    public java.time.Instant toInstant() {
        String nanos = leapSecond ? "999999999" : (fraction + "000000000").substring(0, 9);
        return java.time.Instant.ofEpochSecond(epochSecond, Long.parseLong(nanos));
    }

    @Override
    public int compareTo(StixTimestamp o) {
        int c = Long.compare(epochSecond, o.epochSecond);
        if (c != 0) {
            return c;
        }
        c = Boolean.compare(leapSecond, o.leapSecond);
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
        return Objects.hash(epochSecond, leapSecond, fraction);
    }

    @Override
    public String toString() {
        return text;
    }
}

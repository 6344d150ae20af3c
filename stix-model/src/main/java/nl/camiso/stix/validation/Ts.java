package nl.camiso.stix.validation;

/**
 * A parsed STIX timestamp for comparisons inside the validator: a hand-written scanner (no regex,
 * no exceptions) because every object has several timestamps. Compares by instant across
 * precisions, fraction digits beyond nanoseconds included.
 */
final class Ts implements Comparable<Ts> {

    final long epochSecond;
    /** Fraction digits with trailing zeros removed. */
    final String fraction;
    /** Digits after the decimal point as written. */
    final int fractionDigits;

    private Ts(long epochSecond, String fraction, int fractionDigits) {
        this.epochSecond = epochSecond;
        this.fraction = fraction;
        this.fractionDigits = fractionDigits;
    }

    /**
     * Parses {@code YYYY-MM-DDTHH:mm:ss[.s+]Z} with a real calendar date, or returns null. A leap
     * second (:60) is accepted as the spec's schema allows.
     */
    static Ts parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return null;
        }
        String fraction = "";
        int fractionDigits = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return null;
            }
            int end = n - 1;
            for (int i = 20; i < end; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
            }
            fractionDigits = end - 20;
            int last = end;
            while (last > 20 && s.charAt(last - 1) == '0') {
                last--;
            }
            fraction = s.substring(20, last);
        }
        long days = daysFromCivil(year, month, day);
        long epoch = days * 86400L + hour * 3600L + minute * 60L + Math.min(second, 59);
        if (second == 60) {
            fraction = "9".repeat(Math.max(fraction.length(), 9) + 1); // after :59.999…
        }
        return new Ts(epoch, fraction, fractionDigits);
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    @Override
    public int compareTo(Ts o) {
        int c = Long.compare(epochSecond, o.epochSecond);
        if (c != 0) {
            return c;
        }
        // trailing zeros are trimmed, so comparing digit by digit with implicit zero padding is exact
        int len = Math.max(fraction.length(), o.fraction.length());
        for (int i = 0; i < len; i++) {
            char a = i < fraction.length() ? fraction.charAt(i) : '0';
            char b = i < o.fraction.length() ? o.fraction.charAt(i) : '0';
            if (a != b) {
                return a < b ? -1 : 1;
            }
        }
        return 0;
    }
}

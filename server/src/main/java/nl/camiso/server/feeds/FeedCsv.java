package nl.camiso.server.feeds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV feed for SIEMs (RFC 4180: header row, CRLF line ends, fields with a comma, quote, CR or
 * LF quoted): one row per emitted value of any plain-list format, with the indicator it came from.
 * Values are chosen as in {@link Feed#build}: each value once, allow-listed ones left out, at most
 * {@code max} rows, most confident and newest indicators first; IP ranges are not merged, so every
 * row names its own indicator.
 */
final class FeedCsv {

    static final List<String> COLUMNS = List.of("indicator_id", "type", "value", "name", "valid_from",
            "valid_until", "tlp", "confidence", "course_of_action_en", "course_of_action_nl");

    /** The titles of the courses of action that mitigate an indicator; empty strings when none. */
    record Titles(String en, String nl) {
        static final Titles NONE = new Titles("", "");
    }

    private FeedCsv() {
    }

    static String write(FeedSelection selection, CourseOfActionTitles titles) {
        StringBuilder out = new StringBuilder();
        row(out, COLUMNS);
        List<FeedSelection.Entry> entries = selection.entries();
        for (int from = 0; from < entries.size(); from += PAGE) {
            List<FeedSelection.Entry> page = entries.subList(from, Math.min(entries.size(), from + PAGE));
            titles.prefetch(page.stream().map(e -> e.indicator().id()).toList());
            Map<String, Titles> byIndicator = new HashMap<>();
            for (FeedSelection.Entry e : page) {
                row(out, e, byIndicator.computeIfAbsent(e.indicator().id(), titles::of));
            }
        }
        return out.toString();
    }

    /** How many entries' courses of action are looked up at once. */
    static final int PAGE = 500;

    /** The row of one entry. */
    static void row(StringBuilder out, FeedSelection.Entry e, Titles t) {
        Feed.Indicator i = e.indicator();
        row(out, List.of(i.id(), type(e.kind(), e.value()), e.text(), text(i.name()), text(i.validFrom()),
                text(i.validUntil()), text(i.tlp()), i.confidence() == null ? "" : i.confidence().toString(),
                t.en(), t.nl()));
    }

    private static String type(FeedFormat format, FeedValues.Candidate c) {
        return switch (format) {
            case IP -> c.address().isMultiple() ? "cidr" : c.address().isIPv4() ? "ipv4" : "ipv6";
            case DOMAIN -> "domain";
            case URL -> "url";
            case HASH_SHA256 -> "sha256";
            case HASH_SHA1 -> "sha1";
            case HASH_MD5 -> "md5";
            default -> throw new IllegalArgumentException("not a basic format: " + format);
        };
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    static void row(StringBuilder out, List<String> fields) {
        for (int f = 0; f < fields.size(); f++) {
            if (f > 0) {
                out.append(',');
            }
            out.append(field(fields.get(f)));
        }
        out.append("\r\n");
    }

    /**
     * One field: a leading = + - or @ gets a single quote so that a spreadsheet opening the file
     * shows text instead of running a formula (CSV injection); then quoted when RFC 4180 needs it.
     */
    static String field(String s) {
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}

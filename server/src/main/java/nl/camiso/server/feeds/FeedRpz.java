package nl.camiso.server.feeds;

import java.util.ArrayList;
import java.util.List;

/**
 * A DNS response policy zone (RPZ, as BIND, Unbound and PowerDNS load it) that answers NXDOMAIN
 * for every domain of the feed and all its subdomains: {@code name CNAME .} and
 * {@code *.name CNAME .}. Owner names are relative, so the file works under whatever zone name
 * the resolver's configuration gives it. The SOA serial is the feed's last change in Unix seconds
 * (see {@link FeedResource}), so it grows whenever the zone's content can have changed.
 *
 * <p>Only domain names that passed the strict host-name check ({@link AllowList#isDomain}: letters,
 * digits, '-' and '_', labels of at most 63) reach this writer, so no value can start a directive,
 * a comment or another record; names too long to fit under a zone name are left out.
 */
final class FeedRpz {

    /** Room left for the resolver's zone name: an owner name is at most 253 characters in all. */
    static final int ZONE_NAME_ROOM = 50;
    static final int TTL_SECONDS = 300;

    private FeedRpz() {
    }

    static String write(FeedSelection selection, long serial, FeedText.About about, boolean explain) {
        List<String> records = new ArrayList<>();
        List<Feed.LeftOut> leftOut = new ArrayList<>(selection.leftOut());
        int used = 0;
        String lastIndicator = null;
        for (FeedSelection.Entry e : selection.entries()) {
            String name = e.text();
            if (!fits(name)) {
                leftOut.add(new Feed.LeftOut(name, e.indicator().id(), TOO_LONG));
                continue;
            }
            records.add(name + " CNAME .");
            records.add("*." + name + " CNAME .");
            if (!e.indicator().id().equals(lastIndicator)) {
                used++;
                lastIndicator = e.indicator().id();
            }
        }
        StringBuilder out = new StringBuilder();
        FeedText.header(out, "; ", about, records.size() / 2, used, leftOut, explain);
        out.append(preamble(serial));
        for (String r : records) {
            out.append(r).append('\n');
        }
        return out.toString();
    }

    static final String TOO_LONG = "too long for an RPZ owner name under a zone name";

    /** Whether a name and its wildcard fit under a zone name of {@link #ZONE_NAME_ROOM} characters. */
    static boolean fits(String name) {
        return ("*." + name).length() + 1 + ZONE_NAME_ROOM <= 253;
    }

    /** The zone's TTL, SOA and NS lines. */
    static String preamble(long serial) {
        // serial refresh retry expire negative-TTL; refresh matches a typical poll interval
        return "$TTL " + TTL_SECONDS + "\n@ IN SOA localhost. hostmaster.localhost. (" + serial
                + " 3600 600 86400 " + TTL_SECONDS + ")\n@ IN NS localhost.\n";
    }

    /**
     * The serial for a last change in epoch microseconds: Unix seconds, which fit the 32-bit
     * unsigned serial until 2106 and only grow (RFC 1982 arithmetic never sees a wrap before then).
     */
    static long serial(long lastChangeMicros) {
        return Math.max(1, lastChangeMicros / 1_000_000L);
    }
}

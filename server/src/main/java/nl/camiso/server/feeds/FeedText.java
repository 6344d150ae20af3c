package nl.camiso.server.feeds;

import java.time.Instant;
import java.util.List;

/**
 * Writes a feed as text/plain, one value a line (LF). Comment lines ({@code #}) are written only
 * with {@code ?explain=true}: OPNsense and Cisco FMC ignore them, but the PAN-OS and FortiGate list
 * formats do not document comment lines, so a plain feed carries values only.
 */
final class FeedText {

    /**
     * What a comment header says about the feed.
     *
     * @param collection  the collection's alias or id, or the feed set's name
     * @param setMembers  for a feed set, the collections it was read from for this requester; else null
     */
    record About(String format, String apiRoot, String collection, Instant generated, List<String> setMembers) {
        About(String format, String apiRoot, String collection, Instant generated) {
            this(format, apiRoot, collection, generated, null);
        }
    }

    private FeedText() {
    }

    static String write(Feed feed, String apiRoot, String collection, Instant generated, boolean explain) {
        return write(feed, new About(feed.format().pathName(), apiRoot, collection, generated), explain);
    }

    static String write(Feed feed, About about, boolean explain) {
        StringBuilder out = new StringBuilder();
        if (explain) {
            header(out, "# ", about, feed.lines().size(), feed.used(), feed.leftOut(), true);
        }
        for (String line : feed.lines()) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * The comment header of a feed: what it is, how many entries from how many indicators, and
     * with {@code explain} every value left out and why. Each line starts with {@code prefix}.
     */
    static void header(StringBuilder out, String prefix, About about, int entries, int used,
                       List<Feed.LeftOut> leftOut, boolean explain) {
        title(out, prefix, about);
        out.append(prefix).append("generated ").append(about.generated()).append("; ").append(entries)
                .append(" entries from ").append(used).append(" indicators\n");
        if (!explain) {
            return;
        }
        for (Feed.LeftOut l : leftOut) {
            out.append(prefix).append("left out: ").append(oneLine(l.value()));
            if (l.indicatorId() != null) {
                out.append(" (").append(oneLine(l.indicatorId())).append(")");
            }
            out.append(": ").append(oneLine(l.reason())).append('\n');
        }
    }

    /** The first comment lines: what the feed is, and for a feed set the collections read. */
    static void title(StringBuilder out, String prefix, About about) {
        out.append(prefix).append("CAMISO feed ").append(about.format())
                .append(about.setMembers() == null ? " of collection " : " of feed set ")
                .append(oneLine(about.collection())).append(" (API root ").append(oneLine(about.apiRoot())).append(")\n");
        if (about.setMembers() != null) {
            // only the collections this requester reads: the others are never named to it
            out.append(prefix).append("from collections ").append(oneLine(String.join(", ", about.setMembers()))).append('\n');
        }
    }

    /** Values that were refused may hold anything; keep each on its comment line. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(cp -> b.appendCodePoint(
                cp < 0x20 || cp == 0x7f || cp == 0x85 || cp == 0x2028 || cp == 0x2029 ? '?' : cp));
        return b.toString();
    }
}

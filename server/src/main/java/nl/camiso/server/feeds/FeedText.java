package nl.camiso.server.feeds;

import java.time.Instant;

/**
 * Writes a feed as text/plain, one value a line (LF). Comment lines ({@code #}) are written only
 * with {@code ?explain=true}: OPNsense and Cisco FMC ignore them, but the PAN-OS and FortiGate list
 * formats do not document comment lines, so a plain feed carries values only.
 */
final class FeedText {

    private FeedText() {
    }

    static String write(Feed feed, String apiRoot, String collection, Instant generated, boolean explain) {
        StringBuilder out = new StringBuilder();
        if (explain) {
            out.append("# CAMISO feed ").append(feed.format().pathName()).append(" of collection ")
                    .append(collection).append(" (API root ").append(apiRoot).append(")\n");
            out.append("# generated ").append(generated).append("; ").append(feed.lines().size())
                    .append(" entries from ").append(feed.used()).append(" indicators\n");
            for (Feed.LeftOut l : feed.leftOut()) {
                out.append("# left out: ").append(oneLine(l.value()));
                if (l.indicatorId() != null) {
                    out.append(" (").append(l.indicatorId()).append(")");
                }
                out.append(": ").append(l.reason()).append('\n');
            }
        }
        for (String line : feed.lines()) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** Values that were refused may hold anything; keep each on its comment line. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(cp -> b.appendCodePoint(cp < 0x20 || cp == 0x7f ? '?' : cp));
        return b.toString();
    }
}

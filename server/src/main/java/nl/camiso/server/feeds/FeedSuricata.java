package nl.camiso.server.feeds;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Suricata rules from a feed's addresses, domains and URLs, one indicator's values per rule kind:
 * <ul>
 *   <li>addresses and CIDRs: one {@code alert ip $HOME_NET any -> [list] any} per indicator;</li>
 *   <li>a domain: {@code dns.query} and {@code tls.sni}, each {@code dotprefix; content:".name";
 *       endswith}, which matches the name and its subdomains and nothing else;</li>
 *   <li>a URL: {@code http.host} and {@code http.uri} each matched exactly.</li>
 * </ul>
 * Every rule has a {@code msg} naming the indicator, a {@code reference} to the indicator's courses of
 * action on this server (when the server's address is known), a {@code sid} in the local range
 * 1,000,000-1,999,999 from the server-wide {@link SuricataSids} (the same at every poll and in every
 * feed that holds the rule, never shared by two rules), and a {@code rev} that grows with the
 * indicator's {@code modified}.
 *
 * <p>Untrusted text never reaches a rule unescaped: values go into {@code content} with every byte
 * outside a small safe set written as {@code |hex|} (so no quote, semicolon, backslash, pipe or line
 * end), and the indicator's name goes into {@code msg} with every character outside a small safe
 * set replaced by a space.
 */
final class FeedSuricata {

    static final int SID_FIRST = 1_000_000;
    static final int SID_COUNT = 1_000_000;
    /** rev counts seconds from 2020 so that it stays a positive 32-bit number until 2088. */
    static final long REV_EPOCH_SECONDS = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();

    private static final Pattern STIX_ID = Pattern.compile("[a-z][a-z0-9-]*--[0-9a-fA-F-]{36}");

    /** A rule before its sid: {@code key} names it within its indicator (stable across polls and versions). */
    record Rule(Feed.Indicator indicator, String key, String action, String options) {
    }

    private FeedSuricata() {
    }

    /**
     * The rules of a selection (the best {@code max}), their sids from the registry.
     *
     * @param referenceBase the server's address without scheme and without a trailing slash
     *                      ({@code camiso.example/ndn}), or null for rules without {@code reference}
     */
    static String write(FeedSelection selection, SuricataSids registry, String referenceBase, FeedText.About about,
                        boolean explain) {
        List<Rule> rules = new ArrayList<>();
        List<Feed.LeftOut> leftOut = new ArrayList<>(selection.leftOut());
        List<FeedSelection.Entry> entries = selection.entries();
        for (int from = 0; from < entries.size(); ) {
            Feed.Indicator indicator = entries.get(from).indicator();
            int to = from;
            while (to < entries.size() && entries.get(to).indicator() == indicator) {
                to++;
            }
            rulesOf(indicator, entries.subList(from, to), rules);
            from = to;
        }
        int[] sids = sids(registry, rules);
        int written = 0;
        StringBuilder body = new StringBuilder();
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            if (sids[r] < 0) {
                leftOut.add(new Feed.LeftOut(rule.key(), rule.indicator().id(), NO_SID));
                continue;
            }
            line(body, rule, sids[r], about.collection(), referenceBase);
            written++;
        }
        StringBuilder out = new StringBuilder();
        FeedText.header(out, "# ", about, written, selection.used(), leftOut, explain);
        return out.append(body).toString();
    }

    /** The rules' sids from the registry, in order (new rules get theirs now); -1 when none is free. */
    static int[] sids(SuricataSids registry, List<Rule> rules) {
        long[] identities = new long[rules.size()];
        for (int i = 0; i < identities.length; i++) {
            identities[i] = identity(rules.get(i));
        }
        return registry.sidsOf(identities, identities.length);
    }

    static final String NO_SID = "no free sid in the local range";

    /** One rule with its sid, line end included. */
    static void line(StringBuilder body, Rule rule, int sid, String collection, String referenceBase) {
        body.append(rule.action()).append(" (msg:\"").append(msg(collection, rule.indicator())).append("\"; ")
                .append(rule.options());
        if (referenceBase != null && STIX_ID.matcher(rule.indicator().id()).matches()) {
            body.append(" reference:url,").append(referenceBase).append("/x-camiso/objects/")
                    .append(rule.indicator().id()).append("/actions/;");
        }
        body.append(" classtype:trojan-activity; sid:").append(sid).append("; rev:")
                .append(rev(rule.indicator().modified())).append(";)\n");
    }

    /** The rules of one indicator's entries, appended: its address rule first. */
    static void rulesOf(Feed.Indicator indicator, List<FeedSelection.Entry> entries, List<Rule> rules) {
        int first = rules.size();
        List<String> addresses = new ArrayList<>();
        for (FeedSelection.Entry e : entries) {
            switch (e.kind()) {
                case IP -> addresses.add(e.text());
                case DOMAIN -> {
                    String dotted = content("." + e.text());
                    rules.add(new Rule(indicator, "dns " + e.text(), "alert dns $HOME_NET any -> any any",
                            "dns.query; dotprefix; content:\"" + dotted + "\"; nocase; endswith;"));
                    rules.add(new Rule(indicator, "tls " + e.text(), "alert tls $HOME_NET any -> any any",
                            "tls.sni; dotprefix; content:\"" + dotted + "\"; nocase; endswith;"));
                }
                case URL -> {
                    URI u = URI.create(e.text());
                    String host = FeedValues.host(e.text()).toLowerCase(Locale.ROOT);
                    String uri = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                            + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
                    rules.add(new Rule(indicator, "http " + e.text(), "alert http $HOME_NET any -> any any",
                            "http.host; content:\"" + content(host) + "\"; nocase; startswith; endswith;"
                                    + " http.uri; content:\"" + content(uri) + "\"; startswith; endswith;"));
                }
                default -> throw new IllegalArgumentException("no Suricata rule for " + e.kind());
            }
        }
        if (!addresses.isEmpty()) {
            // address texts come from the IP library's canonical output: digits, hex, '.', ':', '/'
            rules.add(first, new Rule(indicator, "ip", "alert ip $HOME_NET any -> [" + String.join(",", addresses) + "] any", ""));
        }
    }

    /**
     * What a rule is to the sid registry: the first 8 bytes of SHA-256 of its indicator id, a line
     * end and its key, never 0. Two rules of a million share one with a chance of about 1 in 10^7.
     */
    static long identity(Rule rule) {
        return identity(rule.indicator().id() + "\n" + rule.key());
    }

    static long identity(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int b = 0; b < 8; b++) {
                v = (v << 8) | (h[b] & 0xff);
            }
            return v == 0 ? 1 : v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The slot a rule asks for first: its identity modulo the range. */
    static int slot(long identity) {
        return (int) Math.floorMod(identity, (long) SID_COUNT);
    }

    static long rev(Instant modified) {
        return Math.max(1, modified.getEpochSecond() - REV_EPOCH_SECONDS);
    }

    /** A content string: safe ASCII as is, every other byte (quote, ';', '\', '|', controls, UTF-8) as |hex|. */
    static String content(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ".-_~/=&?%+,!$'()*@:".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('|').append(String.format("%02X", c)).append('|');
            }
        }
        return b.toString();
    }

    /** "CAMISO collection: name (indicator id)", with anything outside a safe set replaced by a space. */
    static String msg(String collection, Feed.Indicator indicator) {
        String name = indicator.name() == null || indicator.name().isBlank() ? "indicator" : indicator.name();
        return safe("CAMISO " + collection + ": " + (name.length() > 120 ? name.substring(0, 120) : name)
                + " (" + indicator.id() + ")");
    }

    private static String safe(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || " .,:_-+/()@#&%!?'=".indexOf(c) >= 0;
            b.append(ok ? c : ' ');
        }
        return b.toString().replaceAll(" {2,}", " ").trim();
    }
}

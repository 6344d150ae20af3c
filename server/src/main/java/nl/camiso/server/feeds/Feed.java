package nl.camiso.server.feeds;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One feed's lines, built from current indicators: values derived per {@link FeedValues}, each once,
 * allow-listed ones left out, capped at {@code max} (most confident first, then newest), and for
 * the IP format merged into the fewest CIDR blocks.
 *
 * @param lines    the values, one per line
 * @param leftOut  what was not emitted and why, for {@code ?explain=true}
 * @param used     indicators that gave at least one emitted value
 */
public record Feed(FeedFormat format, List<String> lines, List<LeftOut> leftOut, int used) {

    /**
     * A current indicator (latest version, not revoked, within its validity). The descriptive
     * fields (name, validity as written, TLP label) are for the CSV, rule and Zeek feeds, null when
     * absent; {@code created} orders Suricata sid assignment; {@code json} is the stored version for
     * the STIX bundle.
     */
    public record Indicator(String id, String pattern, Integer confidence, Instant modified,
                            String name, String validFrom, String validUntil, String tlp,
                            Instant created, byte[] json) {
        public Indicator(String id, String pattern, Integer confidence, Instant modified) {
            this(id, pattern, confidence, modified, null, null, null, null, modified, null);
        }
    }

    /** A value that was not emitted. */
    public record LeftOut(String value, String indicatorId, String reason) {
    }

    /** Most confident first (no confidence after any), then newest, then by id for a stable order. */
    static final Comparator<Indicator> PRIORITY = Comparator
            .comparing((Indicator i) -> i.confidence() == null ? -1 : i.confidence(), Comparator.reverseOrder())
            .thenComparing(Indicator::modified, Comparator.reverseOrder())
            .thenComparing(Indicator::id);

    /** @param max the most values to emit; null for all */
    public static Feed build(FeedFormat format, List<Indicator> indicators, AllowList allow, Integer max) {
        List<Indicator> ordered = new ArrayList<>(indicators);
        ordered.sort(PRIORITY);
        Map<String, IPAddress> chosen = new LinkedHashMap<>(); // text -> address (null for non-IP formats)
        Set<String> usedIds = new LinkedHashSet<>();
        List<LeftOut> leftOut = new ArrayList<>();
        Set<String> overMax = new java.util.HashSet<>(); // distinct values, as a value is emitted once
        for (Indicator i : ordered) {
            for (FeedValues.Candidate c : FeedValues.of(i.pattern(), format)) {
                if (c.invalid() != null) {
                    leftOut.add(new LeftOut(c.raw(), i.id(), c.invalid()));
                    continue;
                }
                if (chosen.containsKey(c.text())) {
                    usedIds.add(i.id());
                    continue;
                }
                Optional<String> excluded = excluded(format, c, allow);
                if (excluded.isPresent()) {
                    leftOut.add(new LeftOut(c.text(), i.id(), excluded.get()));
                } else if (max != null && chosen.size() >= max) {
                    overMax.add(c.text());
                } else {
                    chosen.put(c.text(), c.address());
                    usedIds.add(i.id());
                }
            }
        }
        if (!overMax.isEmpty()) {
            leftOut.add(new LeftOut("(" + overMax.size() + " values)", null, "over max=" + max));
        }
        List<String> lines = switch (format) {
            case IP -> merge(chosen.values());
            case DOMAIN_WILDCARD -> chosen.keySet().stream().flatMap(d -> java.util.stream.Stream.of(d, "*." + d)).toList();
            default -> List.copyOf(chosen.keySet());
        };
        return new Feed(format, lines, List.copyOf(leftOut), usedIds.size());
    }

    /**
     * The feed of a selection of one format's values ({@link FeedSelection.Top} keeps the best
     * {@code max} while the collection is read): lines as {@link #build} writes them.
     */
    static Feed of(FeedFormat format, FeedSelection selection) {
        List<String> lines = switch (format) {
            case IP -> merge(selection.entries().stream().map(e -> e.value().address()).toList());
            case DOMAIN_WILDCARD -> selection.entries().stream()
                    .flatMap(e -> java.util.stream.Stream.of(e.text(), "*." + e.text())).toList();
            default -> selection.entries().stream().map(FeedSelection.Entry::text).toList();
        };
        return new Feed(format, lines, selection.leftOut(), selection.used());
    }

    /** Why the allow-list keeps a valid candidate out, if it does. */
    static Optional<String> excluded(FeedFormat format, FeedValues.Candidate c, AllowList allow) {
        return switch (format.source()) {
            case IP -> allow.excludesAddress(c.address());
            case DOMAIN -> allow.excludesDomain(c.text());
            case URL -> allow.excludesHost(FeedValues.host(c.raw()));
            default -> Optional.empty();
        };
    }

    /**
     * The fewest CIDR blocks covering exactly the given addresses and blocks: IPv4 first, then
     * IPv6, each in address order. Merging never adds an address, so it cannot reach an allow-listed one.
     */
    static List<String> merge(java.util.Collection<IPAddress> addresses) {
        List<IPv4Address> v4 = new ArrayList<>();
        List<IPv6Address> v6 = new ArrayList<>();
        for (IPAddress a : addresses) {
            if (a.isIPv4()) {
                v4.add(a.toIPv4());
            } else {
                v6.add(a.toIPv6());
            }
        }
        List<String> out = new ArrayList<>();
        if (!v4.isEmpty()) {
            for (IPAddress a : v4.get(0).mergeToPrefixBlocks(v4.toArray(new IPv4Address[0]))) {
                out.add(FeedValues.ipText(a));
            }
        }
        if (!v6.isEmpty()) {
            for (IPAddress a : v6.get(0).mergeToPrefixBlocks(v6.toArray(new IPv6Address[0]))) {
                out.add(FeedValues.ipText(a));
            }
        }
        return out;
    }
}

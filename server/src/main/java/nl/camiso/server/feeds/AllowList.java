package nl.camiso.server.feeds;

import nl.camiso.server.config.AddressOrDomain;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Addresses and domains that no feed ever emits, so that a member never blocks what must keep
 * working: built-in private, loopback, link-local and multicast ranges and public DNS resolvers,
 * plus the configured {@code server.feeds.allow_list}, and for an organisation's accounts its own
 * networks and domains ({@link #withOrganisation}).
 *
 * <p>An address entry is left out when it lies in an allow-listed block, and a CIDR entry is left
 * out whole (not split) when it covers any allow-listed address. A domain entry is left out when it
 * is an allow-listed domain, one of its subdomains, or a parent of one (devices that match
 * subdomains would block the allow-listed name too).
 */
public final class AllowList {

    /** One allow-listed block or domain and why it is there. */
    record Entry(IPAddress block, String domain, String reason) {
        String text() {
            return block != null ? FeedValues.ipText(block) : domain;
        }
    }


    private static final List<String[]> BUILT_IN = List.of(
            new String[]{"0.0.0.0/8", "unspecified (this network)"},
            new String[]{"10.0.0.0/8", "private (RFC 1918)"},
            new String[]{"100.64.0.0/10", "shared address space (RFC 6598)"},
            new String[]{"127.0.0.0/8", "loopback"},
            new String[]{"169.254.0.0/16", "link-local"},
            new String[]{"172.16.0.0/12", "private (RFC 1918)"},
            new String[]{"192.168.0.0/16", "private (RFC 1918)"},
            new String[]{"224.0.0.0/4", "multicast"},
            new String[]{"255.255.255.255/32", "broadcast"},
            new String[]{"::/128", "unspecified"},
            new String[]{"::1/128", "loopback"},
            new String[]{"::ffff:0:0/96", "IPv4-mapped addresses"},
            new String[]{"fc00::/7", "unique local (private)"},
            new String[]{"fe80::/10", "link-local"},
            new String[]{"ff00::/8", "multicast"},
            new String[]{"8.8.8.8", "public DNS resolver (Google)"},
            new String[]{"8.8.4.4", "public DNS resolver (Google)"},
            new String[]{"2001:4860:4860::8888", "public DNS resolver (Google)"},
            new String[]{"2001:4860:4860::8844", "public DNS resolver (Google)"},
            new String[]{"1.1.1.1", "public DNS resolver (Cloudflare)"},
            new String[]{"1.0.0.1", "public DNS resolver (Cloudflare)"},
            new String[]{"2606:4700:4700::1111", "public DNS resolver (Cloudflare)"},
            new String[]{"2606:4700:4700::1001", "public DNS resolver (Cloudflare)"},
            new String[]{"9.9.9.9", "public DNS resolver (Quad9)"},
            new String[]{"149.112.112.112", "public DNS resolver (Quad9)"},
            new String[]{"2620:fe::fe", "public DNS resolver (Quad9)"},
            new String[]{"2620:fe::9", "public DNS resolver (Quad9)"},
            new String[]{"208.67.222.222", "public DNS resolver (OpenDNS)"},
            new String[]{"208.67.220.220", "public DNS resolver (OpenDNS)"},
            new String[]{"2620:119:35::35", "public DNS resolver (OpenDNS)"},
            new String[]{"2620:119:53::53", "public DNS resolver (OpenDNS)"},
            new String[]{"localhost", "loopback name"});

    private final List<Entry> entries;
    /** When this allow-list was built (epoch microseconds): a change in it shows up from then on. */
    private final long loadedMicros;
    /** The organisation's own entries added by {@link #withOrganisation} (empty for the common list). */
    private final List<String> ownEntries;

    private AllowList(List<Entry> entries) {
        this(entries, CurrentIndicators.micros(java.time.Instant.now()), List.of());
    }

    private AllowList(List<Entry> entries, long loadedMicros, List<String> ownEntries) {
        this.entries = List.copyOf(entries);
        this.loadedMicros = loadedMicros;
        this.ownEntries = List.copyOf(ownEntries);
    }

    /**
     * When this allow-list was built: the common list at start-up (the configuration is read
     * then), an organisation's list when its own entries were last seen to change, so a feed's
     * validator and {@code Last-Modified} move with it.
     */
    long loadedMicros() {
        return loadedMicros;
    }

    /** The own networks and domains this list was built with. */
    List<String> ownEntries() {
        return ownEntries;
    }

    /** The built-in entries plus the configured ones (validated by the config loader). */
    public static AllowList of(List<String> configured) {
        List<Entry> all = new ArrayList<>();
        for (String[] b : BUILT_IN) {
            all.add(entry(b[0], b[1]));
        }
        for (String c : configured) {
            all.add(entry(c, "configured allow-list"));
        }
        return new AllowList(all);
    }

    /**
     * This list plus an organisation's own networks and domains (the network's, seeded from
     * {@code server.feeds.organisation_allow_lists}), for the feeds its accounts read.
     *
     * @param sinceMicros when these entries became the organisation's (at the latest)
     */
    AllowList withOrganisation(String organisation, List<String> ownEntries, long sinceMicros) {
        List<Entry> all = new ArrayList<>(entries);
        for (String e : ownEntries) {
            all.add(entry(e, "own network or domain of " + organisation));
        }
        return new AllowList(all, Math.max(loadedMicros, sinceMicros), ownEntries);
    }

    /** A host name; the last label must hold a letter, so {@code 10.1} is no domain. */
    static boolean isDomain(String text) {
        return AddressOrDomain.isDomain(text);
    }

    private static Entry entry(String text, String reason) {
        Optional<IPAddress> ip = FeedValues.parseIp(text);
        if (ip.isPresent()) {
            return new Entry(ip.get(), null, reason);
        }
        if (!isDomain(text)) {
            throw new IllegalArgumentException("not an IP address, CIDR or domain name: " + text);
        }
        return new Entry(null, FeedValues.normaliseDomain(text), reason);
    }

    /** Why an address block may not be emitted, if it overlaps an allow-listed block. */
    Optional<String> excludesAddress(IPAddress block) {
        for (Entry e : entries) {
            if (e.block() == null || e.block().getIPVersion() != block.getIPVersion()) {
                continue;
            }
            if (e.block().contains(block)) {
                return Optional.of("in allow-listed " + e.text() + " (" + e.reason() + ")");
            }
            if (block.contains(e.block())) {
                return Optional.of("covers allow-listed " + e.text() + " (" + e.reason() + ")");
            }
        }
        return Optional.empty();
    }

    /** Why a domain (normalised) may not be emitted. */
    Optional<String> excludesDomain(String domain) {
        for (Entry e : entries) {
            if (e.domain() == null) {
                continue;
            }
            if (domain.equals(e.domain()) || domain.endsWith("." + e.domain())) {
                return Optional.of("in allow-listed domain " + e.domain() + " (" + e.reason() + ")");
            }
            if (e.domain().endsWith("." + domain)) {
                return Optional.of("parent of allow-listed domain " + e.domain() + " (" + e.reason() + ")");
            }
        }
        return Optional.empty();
    }

    /** Why a URL's host (a domain or an address) may not be emitted. */
    Optional<String> excludesHost(String host) {
        Optional<IPAddress> ip = FeedValues.parseIp(host);
        return ip.isPresent() ? excludesAddress(ip.get()) : excludesDomain(FeedValues.normaliseDomain(host));
    }
}

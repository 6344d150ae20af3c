package nl.camiso.server.feeds;

import nl.camiso.server.config.AddressOrDomain;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import nl.camiso.stix.pattern.BooleanOperator;
import nl.camiso.stix.pattern.Comparison;
import nl.camiso.stix.pattern.ComparisonExpression;
import nl.camiso.stix.pattern.ComparisonOperation;
import nl.camiso.stix.pattern.ComparisonOperator;
import nl.camiso.stix.pattern.Literal;
import nl.camiso.stix.pattern.Observation;
import nl.camiso.stix.pattern.ObservationExpression;
import nl.camiso.stix.pattern.ObservationOperation;
import nl.camiso.stix.pattern.ObservationOperator;
import nl.camiso.stix.pattern.ObjectPath;
import nl.camiso.stix.pattern.Pattern;
import nl.camiso.stix.pattern.PatternException;
import nl.camiso.stix.pattern.SimpleComparison;
import nl.camiso.stix.pattern.StixPatterns;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Derives the values of one feed format from a STIX pattern, independent of storage and output.
 *
 * <p>A pattern is used only when it is exactly expressible as a list: single observations
 * ({@code [...]}, no qualifiers) joined by OR only, whose comparisons are joined by OR only, each either
 * {@code =} or {@code IN} on {@code ipv4-addr:value}, {@code ipv6-addr:value},
 * {@code domain-name:value}, {@code url:value} or {@code file:hashes.<algorithm>}, or
 * {@code ISSUBSET} on an address. Any other comparison makes the whole pattern unusable, because
 * blocking its values would block more than the indicator describes.
 */
final class FeedValues {

    /** A value taken from a pattern, or the reason it cannot be emitted. */
    record Candidate(String raw, IPAddress address, String text, String invalid) {
    }

    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-fA-F]+");

    private FeedValues() {
    }

    /**
     * The candidate values of the format in the pattern; empty when the pattern is not exactly
     * expressible or has none for this format.
     */
    static List<Candidate> of(String pattern, FeedFormat format) {
        return of(expressible(pattern).orElse(List.of()), format);
    }

    /** As {@link #of(String, FeedFormat)} for a pattern already taken apart by {@link #expressible}. */
    static List<Candidate> of(List<SimpleComparison> comparisons, FeedFormat format) {
        if (comparisons.isEmpty()) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (SimpleComparison c : comparisons) {
            String v = c.stringValue().orElseThrow();
            ObjectPath p = c.path();
            switch (format) {
                case IP -> {
                    if (p.is("ipv4-addr", "value") || p.is("ipv6-addr", "value")) {
                        out.add(address(v, p.objectType().equals("ipv4-addr") ? IPAddress.IPVersion.IPV4
                                : IPAddress.IPVersion.IPV6));
                    }
                }
                case DOMAIN, DOMAIN_WILDCARD -> {
                    if (p.is("domain-name", "value")) {
                        out.add(domain(v));
                    }
                }
                case URL -> {
                    if (p.is("url", "value")) {
                        out.add(url(v));
                    }
                }
                case URL_PANOS, URL_FORTIGATE -> {
                    if (p.is("url", "value")) {
                        out.add(withoutScheme(url(v), format));
                    }
                }
                default -> {
                    if (p.objectType().equals("file") && format.hashAlgorithm().equals(c.hashAlgorithm().orElse(null))) {
                        out.add(hash(v, format));
                    }
                }
            }
        }
        return out;
    }

    /** The pattern's comparisons (IN sets split into equalities) when it is exactly expressible. */
    static Optional<List<SimpleComparison>> expressible(String pattern) {
        Pattern parsed;
        try {
            parsed = StixPatterns.parse(pattern);
        } catch (PatternException e) {
            return Optional.empty();
        }
        List<Comparison> flat = new ArrayList<>();
        if (!flatten(parsed.expression(), flat)) {
            return Optional.empty();
        }
        // rebuild as a one-observation pattern per comparison to reuse SimpleComparison's accessors
        List<SimpleComparison> out = new ArrayList<>();
        for (Comparison c : flat) {
            List<Literal> values = c.value() instanceof Literal.SetLiteral set ? set.elements() : List.of(c.value());
            for (Literal v : values) {
                if (!(v instanceof Literal.StringLiteral)) {
                    return Optional.empty();
                }
                out.addAll(new Pattern(new Observation(new Comparison(c.path(), false,
                        c.operator() == ComparisonOperator.IN ? ComparisonOperator.EQUAL : c.operator(), v)))
                        .simpleComparisons());
            }
        }
        return Optional.of(out);
    }

    /** Observations joined by OR only: any one of them observed matches, so each value alone does. */
    private static boolean flatten(ObservationExpression e, List<Comparison> out) {
        if (e instanceof Observation o) {
            return flatten(o.comparison(), out);
        }
        if (e instanceof ObservationOperation op && op.operator() == ObservationOperator.OR) {
            for (ObservationExpression operand : op.operands()) {
                if (!flatten(operand, out)) {
                    return false;
                }
            }
            return true;
        }
        return false; // AND, FOLLOWEDBY and qualifiers describe more than one value alone
    }

    private static boolean flatten(ComparisonExpression e, List<Comparison> out) {
        if (e instanceof ComparisonOperation op) {
            if (op.operator() != BooleanOperator.OR) {
                return false;
            }
            for (ComparisonExpression operand : op.operands()) {
                if (!flatten(operand, out)) {
                    return false;
                }
            }
            return true;
        }
        if (!(e instanceof Comparison c) || c.negated()) {
            return false;
        }
        ObjectPath p = c.path();
        boolean address = p.is("ipv4-addr", "value") || p.is("ipv6-addr", "value");
        boolean plain = address || p.is("domain-name", "value") || p.is("url", "value")
                || (p.objectType().equals("file") && p.steps().size() == 2 && p.propertyPath().startsWith("hashes.")
                    && new Pattern(new Observation(c)).simpleComparisons().get(0).hashAlgorithm().isPresent());
        boolean usable = switch (c.operator()) {
            case EQUAL, IN -> plain;
            case ISSUBSET -> address;
            default -> false;
        };
        if (usable) {
            out.add(c);
        }
        return usable;
    }

    private static Candidate address(String v, IPAddress.IPVersion version) {
        Optional<IPAddress> a = parseIp(v);
        if (a.isEmpty() || a.get().getIPVersion() != version) {
            return new Candidate(v, null, null, "not an " + (version.isIPv4() ? "IPv4" : "IPv6") + " address or CIDR");
        }
        return new Candidate(v, a.get(), ipText(a.get()), null);
    }

    private static Candidate domain(String v) {
        if (!AllowList.isDomain(v) && !AllowList.isDomain(stripDot(v))) {
            return new Candidate(v, null, null, "not a domain name");
        }
        return new Candidate(v, null, normaliseDomain(v), null);
    }

    private static Candidate url(String v) {
        if (v.isEmpty() || v.chars().anyMatch(ch -> ch <= 0x20 || ch == 0x7f) || v.length() > 2048) {
            return new Candidate(v, null, null, "not a URL that fits on one line");
        }
        try {
            URI u = new URI(v);
            if (u.getScheme() == null || u.getHost() == null) {
                return new Candidate(v, null, null, "not an absolute URL with a host");
            }
        } catch (URISyntaxException e) {
            return new Candidate(v, null, null, "not a URL");
        }
        return new Candidate(v, null, v, null);
    }

    /**
     * A valid URL rewritten for PAN-OS or FortiGate URL lists: no scheme (neither accepts one), no
     * fragment (never sent to a server), host in lowercase. A {@code *} is a wildcard on both and
     * {@code ^} an exact-match anchor on PAN-OS, so a URL holding one would match more than the
     * indicator says and is left out; so is user info, which neither list format describes.
     * PAN-OS takes entries of at most 255 characters. For {@link FeedFormat#URL} (Zeek's
     * {@code Intel::URL}) only the scheme, fragment and user-info rules apply.
     */
    static Candidate withoutScheme(Candidate url, FeedFormat format) {
        if (url.invalid() != null) {
            return url;
        }
        URI u = URI.create(url.text());
        if (u.getRawUserInfo() != null) {
            return new Candidate(url.raw(), null, null, "has user info, which " + device(format) + " URL lists do not take");
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        String rest = (u.getPort() >= 0 ? ":" + u.getPort() : "")
                + (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        String text = host + rest;
        if (format == FeedFormat.URL) {
            return new Candidate(url.raw(), null, text, null); // no device reads wildcards in it
        }
        if (text.indexOf('*') >= 0 || (format == FeedFormat.URL_PANOS && text.indexOf('^') >= 0)) {
            return new Candidate(url.raw(), null, null, "holds a character " + device(format) + " reads as a wildcard");
        }
        if (format == FeedFormat.URL_PANOS && text.length() > 255) {
            return new Candidate(url.raw(), null, null, "longer than the 255 characters of a PAN-OS URL list entry");
        }
        return new Candidate(url.raw(), null, text, null);
    }

    private static String device(FeedFormat format) {
        return format == FeedFormat.URL_PANOS ? "PAN-OS" : "FortiGate";
    }

    /** The host of a URL candidate (valid ones only). */
    static String host(String url) {
        String h = URI.create(url).getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static Candidate hash(String v, FeedFormat format) {
        if (v.length() != format.hashHexLength() || !HEX.matcher(v).matches()) {
            return new Candidate(v, null, null, "not a " + format.hashAlgorithm() + " hash");
        }
        return new Candidate(v, null, v.toLowerCase(Locale.ROOT), null);
    }

    /**
     * An IPv4 or IPv6 address or CIDR in the usual notation (no inet_aton short forms); a CIDR with
     * host bits set means its whole block.
     */
    static Optional<IPAddress> parseIp(String text) {
        return AddressOrDomain.parseIp(text);
    }

    /** An address without prefix length, or a block as CIDR; IPv6 in RFC 5952 form. */
    static String ipText(IPAddress a) {
        return a.isMultiple() ? a.toCanonicalString() : a.withoutPrefixLength().toCanonicalString();
    }

    static String normaliseDomain(String d) {
        return stripDot(d).toLowerCase(Locale.ROOT);
    }

    private static String stripDot(String d) {
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}

package nl.camiso.server.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of an allow-list entry: an IP address, a CIDR block or a domain name. The
 * configuration check and the feeds that apply the lists read entries the same way.
 */
public final class AddressOrDomain {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private AddressOrDomain() {
    }

    /** An address, or a CIDR as its whole block ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}); empty for anything else. */
    public static Optional<IPAddress> parseIp(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        IPAddress a = new IPAddressString(text).getAddress();
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(a.isPrefixed() ? a.toPrefixBlock() : a);
    }

    /** A host name; the last label must hold a letter, so {@code 10.1} is no domain. */
    public static boolean isDomain(String text) {
        String d = text.toLowerCase(Locale.ROOT);
        return DOMAIN.matcher(d).matches() && d.substring(d.lastIndexOf('.') + 1).chars().anyMatch(Character::isLetter);
    }

    /**
     * The one spelling of an entry, so that the same network or domain is stored once: an address
     * as RFC 5952/dotted text, a CIDR as its whole block ({@code 192.0.2.201/29} is
     * {@code 192.0.2.200/29}), a domain lowercase; empty when it is none of these.
     */
    public static Optional<String> canonical(String text) {
        Optional<IPAddress> ip = parseIp(text);
        if (ip.isPresent()) {
            IPAddress a = ip.get();
            return Optional.of(a.isMultiple() ? a.toCanonicalString() : a.withoutPrefixLength().toCanonicalString());
        }
        return text != null && isDomain(text) ? Optional.of(text.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** Whether {@code text} is an address, a CIDR block or a domain name. */
    public static boolean isValid(String text) {
        return text != null && (parseIp(text).isPresent() || isDomain(text));
    }
}

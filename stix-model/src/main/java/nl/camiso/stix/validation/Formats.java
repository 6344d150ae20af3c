package nl.camiso.stix.validation;

import java.util.regex.Pattern;

/**
 * Hand-written checks of STIX value formats. They run on every property of every POSTed object, so
 * they scan characters instead of running regexes and never throw for control flow.
 */
final class Formats {

    private Formats() {
    }

    // --- identifiers (§2.9) --------------------------------------------------------------------

    /** Index of "--" separating type and UUID, or -1. */
    static int idSeparator(String id) {
        return id.indexOf("--");
    }

    /** Why {@code id} is not an identifier ({@code type--uuid}, RFC 4122 UUID), or null when it is one. */
    static String identifierProblem(String id) {
        int sep = id.indexOf("--");
        if (sep <= 0) {
            return "'" + ObjectCheck.abbreviate(id) + "' is not an identifier of the form type--UUID";
        }
        if (!isTypeName(id, sep)) {
            return "'" + ObjectCheck.abbreviate(id) + "' does not start with a valid object type";
        }
        return isRfc4122Uuid(id, sep + 2) ? null : "'" + ObjectCheck.abbreviate(id) + "' does not end with an RFC 4122 UUID (version 1-5, RFC variant)";
    }

    /** The UUID version (1-5) of an id whose UUID starts at {@code from}; call only after validation. */
    static int uuidVersion(String id) {
        int sep = id.indexOf("--");
        return sep < 0 || id.length() < sep + 2 + 36 ? -1 : Character.digit(id.charAt(sep + 2 + 14), 16);
    }

    /** Lowercase-or-uppercase 8-4-4-4-12 hex, version 1-5, variant 10xx. */
    static boolean isRfc4122Uuid(String s, int from) {
        if (s.length() - from != 36) {
            return false;
        }
        if (s.charAt(from + 8) != '-' || s.charAt(from + 13) != '-' || s.charAt(from + 18) != '-' || s.charAt(from + 23) != '-') {
            return false;
        }
        // every id and ref passes here, most twice: a table lookup per character, no early exit
        if (!(allHex(s, from, from + 8) & allHex(s, from + 9, from + 13) & allHex(s, from + 14, from + 18)
                & allHex(s, from + 19, from + 23) & allHex(s, from + 24, from + 36))) {
            return false;
        }
        char version = s.charAt(from + 14);
        char variant = Character.toLowerCase(s.charAt(from + 19));
        return version >= '1' && version <= '5' && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
    }

    /** ASCII hex digits of either case, by character code. */
    private static final boolean[] HEX_DIGIT = new boolean[128];

    static {
        for (char c : "0123456789abcdefABCDEF".toCharArray()) {
            HEX_DIGIT[c] = true;
        }
    }

    private static boolean allHex(String s, int from, int to) {
        boolean ok = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            ok &= (c >>> 7) == 0 & HEX_DIGIT[c & 0x7f];
        }
        return ok;
    }

    /** An ASCII hex digit of either case (unlike {@code Character.digit(c, 16)}, which also takes other scripts' digits). */
    private static boolean isHexDigit(char c) {
        return c < 128 && HEX_DIGIT[c];
    }

    /** Whether {@code s.substring(0, end)} is a valid type name ({@link #typeNameProblem} gives null), without the copy. */
    private static boolean isTypeName(String s, int end) {
        if (end < 3 || end > 250 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
            if (c == '-' && i + 1 < end && s.charAt(i + 1) == '-') {
                return false;
            }
        }
        return true;
    }

    /** Object type names (§3.1, §7.3.2, §11.1): ASCII a-z, 0-9, '-', starting with a letter, no "--", 3-250 chars. */
    static String typeNameProblem(String type) {
        int n = type.length();
        if (n < 3 || n > 250) {
            return "must be 3 to 250 characters long";
        }
        if (type.charAt(0) < 'a' || type.charAt(0) > 'z') {
            return "must start with a lowercase letter";
        }
        for (int i = 0; i < n; i++) {
            char c = type.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return "must contain only a-z, 0-9 and '-'";
            }
            if (c == '-' && i + 1 < n && type.charAt(i + 1) == '-') {
                return "must not contain '--'";
            }
        }
        return null;
    }

    /** Custom property names (§3.1, §7.3.2, §11.2): ASCII a-z, 0-9, '_', 3-250 characters. */
    static boolean isValidPropertyName(String name) {
        int n = name.length();
        if (n < 3 || n > 250) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Dictionary keys (§2.3): ASCII letters, digits, '_' and '-', at most 250 characters. */
    static boolean isValidDictionaryKey(String key) {
        int n = key.length();
        if (n == 0 || n > 250) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    // --- binary / hex (§2.2, §2.8) -------------------------------------------------------------

    /** Base64 (RFC 4648 §4): length a multiple of 4, alphabet only, '=' padding only at the end. */
    static boolean isBase64(String s) {
        int n = s.length();
        if (n % 4 != 0) {
            return false;
        }
        int pad = 0;
        if (n > 0 && s.charAt(n - 1) == '=') {
            pad = n > 1 && s.charAt(n - 2) == '=' ? 2 : 1;
        }
        for (int i = 0; i < n - pad; i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** Hex (§2.8): an even number of characters 0-9 and lowercase a-f. */
    static boolean isStixHex(String s) {
        if (s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexOfLength(String s, int from, int len) {
        if (s.length() - from != len) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (!isHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Why a value is not a well-formed hash for a hash-algorithm-ov key, or null (also for unknown algorithms). */
    static String hashValueProblem(String algorithm, String value) {
        int len = switch (algorithm) {
            case "MD5" -> 32;
            case "SHA-1" -> 40;
            case "SHA-256", "SHA3-256" -> 64;
            case "SHA-512", "SHA3-512" -> 128;
            case "TLSH" -> 70;
            default -> -1;
        };
        if (len < 0) {
            return null;
        }
        boolean ok = isHexOfLength(value, 0, len)
                // TLSH 4.x digests carry a "T1" version prefix in front of the 70 hex digits
                || (len == 70 && value.startsWith("T1") && isHexOfLength(value, 2, 70));
        return ok ? null : "is not a valid " + algorithm + " hash (" + len + " hexadecimal digits expected)";
    }

    // --- other formats -------------------------------------------------------------------------

    /** RFC 5646 language tag (syntax only): langtag, private use or the irregular grandfathered tags. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile(
            "(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8})"
                    + "(?:-[a-zA-Z]{4})?"
                    + "(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?"
                    + "(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*"
                    + "(?:-[0-9a-wyzA-WYZ](?:-[a-zA-Z0-9]{2,8})+)*"
                    + "(?:-[xX](?:-[a-zA-Z0-9]{1,8})+)?"
                    + "|[xX](?:-[a-zA-Z0-9]{1,8})+"
                    + "|(?:en-GB-oed|i-[a-z]{2,9}|sgn-[A-Z]{2}-[A-Z]{3})");

    static boolean isLanguageTag(String s) {
        return s.length() <= 255 && LANGUAGE_TAG.matcher(s).matches();
    }

    /**
     * Whether {@code s} is an absolute URI per RFC 3986 §3 (scheme ":" hier-part [ "?" query ] [ "#" fragment ]).
     * Checks the scheme, the character set, percent-encodings, and that '[' ']' appear only around an
     * IP-literal host, which is what catches defanged values such as {@code hxxp://example[.]com}.
     */
    /** RFC 3986 unreserved and reserved characters other than '%', '[', ']' and '#' (handled apart), by ASCII code. */
    private static final boolean[] URI_CHAR = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            URI_CHAR[c] = true;
            URI_CHAR[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            URI_CHAR[c] = true;
        }
        for (char c : "-._~:/?@!$&'()*+,;=".toCharArray()) {
            URI_CHAR[c] = true;
        }
    }

    static boolean isUri(String s) {
        int colon = s.indexOf(':');
        if (colon < 1) {
            return false;
        }
        char first = s.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        int i = colon + 1;
        int n = s.length();
        int hostStart = -1;
        int hostEnd = -1;
        if (s.startsWith("//", i)) {
            hostStart = i + 2;
            hostEnd = hostStart;
            while (hostEnd < n && s.charAt(hostEnd) != '/' && s.charAt(hostEnd) != '?' && s.charAt(hostEnd) != '#') {
                hostEnd++;
            }
            int at = s.lastIndexOf('@', hostEnd - 1);
            if (at >= hostStart) {
                hostStart = at + 1;
            }
        }
        boolean inFragment = false;
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c == '%') {
                if (k + 2 >= n || !isHexDigit(s.charAt(k + 1)) || !isHexDigit(s.charAt(k + 2))) {
                    return false;
                }
                k += 2;
                continue;
            }
            if (c == '[' || c == ']') {
                // only an IP-literal host may be bracketed: "[" at host start, "]" right before ":port" or host end
                boolean ok = c == '[' ? k == hostStart : hostStart >= 0 && k < hostEnd && s.charAt(hostStart) == '['
                        && (k + 1 == hostEnd || s.charAt(k + 1) == ':');
                if (!ok) {
                    return false;
                }
                continue;
            }
            if (c == '#') {
                if (inFragment) {
                    return false;
                }
                inFragment = true;
                continue;
            }
            if (c >= 128 || !URI_CHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /** A single IPv4 address or CIDR block (§6.4: "MUST be a single IPv4 address or CIDR block"). */
    static boolean isIpv4OrCidr(String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (slash >= 0 && !isIntInRange(s.substring(slash + 1), 0, 32)) {
            return false;
        }
        int parts = 0;
        int start = 0;
        for (int i = 0; i <= addr.length(); i++) {
            if (i == addr.length() || addr.charAt(i) == '.') {
                String part = addr.substring(start, i);
                if (!isIntInRange(part, 0, 255) || (part.length() > 1 && part.charAt(0) == '0')) {
                    return false;
                }
                parts++;
                start = i + 1;
            }
        }
        return parts == 4;
    }

    /** A single IPv6 address or CIDR block, in any RFC 4291 §2.2 text form. */
    static boolean isIpv6OrCidr(String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (slash >= 0 && !isIntInRange(s.substring(slash + 1), 0, 128)) {
            return false;
        }
        if (addr.isEmpty()) {
            return false;
        }
        int doubleColon = addr.indexOf("::");
        if (doubleColon >= 0 && addr.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = addr.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue; // part of "::" (checked above) or a leading/trailing one of it
            }
            if (i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!isIpv4OrCidr(g) || g.indexOf('/') >= 0) {
                    return false;
                }
                count += 2;
                continue;
            }
            if (g.length() > 4 || !isHexOfLength(g, 0, g.length())) {
                return false;
            }
            count++;
        }
        if (doubleColon < 0) {
            return count == 8 && !addr.startsWith(":") && !addr.endsWith(":");
        }
        if ((addr.startsWith(":") && doubleColon != 0) || (addr.endsWith(":") && doubleColon != addr.length() - 2)) {
            return false;
        }
        return count < 8;
    }

    /** MAC-48, colon-delimited, lowercase, with leading zeros (§6.8). */
    static boolean isMac(String s) {
        if (s.length() != 17) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (i % 3 == 2 ? c != ':' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIntInRange(String s, int min, int max) {
        if (s.isEmpty() || s.length() > 3) {
            return false;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        return v >= min && v <= max;
    }
}

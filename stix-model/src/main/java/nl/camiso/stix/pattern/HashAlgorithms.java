package nl.camiso.stix.pattern;

import java.util.Locale;

/**
 * The hash-algorithm-ov names (§10.7) and the form of their values, used to reject
 * {@code file:hashes.'SHA-256' = 'f00'}. Keys are matched ignoring case, '-' and '_' ({@code md5},
 * {@code SHA256}, {@code sha_256}), as producers spell them differently; other keys are not checked.
 */
final class HashAlgorithms {

    private HashAlgorithms() {
        // No instances.
    }

    enum Algorithm {
        MD5("MD5", 32),
        SHA1("SHA-1", 40),
        SHA256("SHA-256", 64),
        SHA512("SHA-512", 128),
        SHA3256("SHA3-256", 64),
        SHA3512("SHA3-512", 128),
        SSDEEP("SSDEEP", 0),
        TLSH("TLSH", 70);

        private final String canonicalName;
        private final int hexLength;

        Algorithm(String canonicalName, int hexLength) {
            this.canonicalName = canonicalName;
            this.hexLength = hexLength;
        }

        String canonicalName() {
            return canonicalName;
        }

        String description() {
            if (this == SSDEEP) {
                return "blocksize:hash:hash";
            }
            if (this == TLSH) {
                return "70 hex digits, optionally prefixed by T1";
            }
            return hexLength + " hex digits";
        }

        boolean accepts(String value) {
            if (this == SSDEEP) {
                return isSsdeep(value);
            }
            if (this == TLSH && value.length() == 72 && value.regionMatches(true, 0, "T1", 0, 2)) {
                return isHex(value, 2);
            }
            return value.length() == hexLength && isHex(value, 0);
        }
    }

    private static final Algorithm[] ALGORITHMS = Algorithm.values();

    /** The algorithm a path like {@code file:hashes.MD5} or {@code ...sections[*].hashes.'SHA-256'} names, or null. */
    static Algorithm ofPath(ObjectPath path) {
        int n = path.steps().size();
        if (n < 2 || !(path.steps().get(n - 1) instanceof PathStep.Property key)
                || !(path.steps().get(n - 2) instanceof PathStep.Property parent)
                || !parent.name().equals("hashes")) {
            return null;
        }
        return byKey(key.name());
    }

    /** The algorithm for a hashes dictionary key, ignoring case, '-' and '_'; or null. */
    static Algorithm byKey(String key) {
        if (key.length() > 16) {
            return null;
        }
        StringBuilder normalized = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '-' && c != '_') {
                normalized.append(c);
            }
        }
        String name = normalized.toString().toUpperCase(Locale.ROOT);
        for (Algorithm a : ALGORITHMS) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static boolean isHex(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** {@code blocksize:chunk:double-chunk}, the chunks in the base64 alphabet. */
    private static boolean isSsdeep(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == 0 || i == s.length() || s.charAt(i) != ':') {
            return false;
        }
        int colons = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')) {
                return false;
            }
        }
        return colons == 2;
    }
}

package nl.camiso.server.feeds;

import java.util.Locale;
import java.util.Optional;

/**
 * The plain-list feed formats: one value a line. The hash formats take one algorithm each
 * ({@code hash-sha256}, or {@code hash?algorithm=SHA-256}). The device variants take the values of
 * {@link #DOMAIN} or {@link #URL} and rewrite them ({@link FeedValues#of}): {@code domain-wildcard}
 * adds a {@code *.name} line after each name, {@code url-panos} and {@code url-fortigate} drop the
 * scheme and leave out URLs those devices would read as wildcards.
 */
public enum FeedFormat {
    IP("ip", null),
    DOMAIN("domain", null),
    URL("url", null),
    HASH_SHA256("hash-sha256", "SHA-256"),
    HASH_SHA1("hash-sha1", "SHA-1"),
    HASH_MD5("hash-md5", "MD5"),
    DOMAIN_WILDCARD("domain-wildcard", null),
    URL_PANOS("url-panos", null),
    URL_FORTIGATE("url-fortigate", null);

    /** The formats whose values are rows of the per-indicator formats (CSV, rules, Zeek), in row order. */
    static final java.util.List<FeedFormat> BASIC = java.util.List.of(IP, DOMAIN, URL, HASH_SHA256, HASH_SHA1, HASH_MD5);

    private final String pathName;
    private final String hashAlgorithm;

    FeedFormat(String pathName, String hashAlgorithm) {
        this.pathName = pathName;
        this.hashAlgorithm = hashAlgorithm;
    }

    /** The last path segment of the feed URL. */
    public String pathName() {
        return pathName;
    }

    /** The STIX hash-algorithm-ov name for the hash formats, else null. */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** The format whose values this one rewrites (itself for the basic formats). */
    FeedFormat source() {
        return switch (this) {
            case DOMAIN_WILDCARD -> DOMAIN;
            case URL_PANOS, URL_FORTIGATE -> URL;
            default -> this;
        };
    }

    boolean isHash() {
        return hashAlgorithm != null;
    }

    /** Length in hex digits of a hash of this format's algorithm. */
    int hashHexLength() {
        return switch (this) {
            case HASH_SHA256 -> 64;
            case HASH_SHA1 -> 40;
            case HASH_MD5 -> 32;
            default -> throw new IllegalStateException("not a hash format: " + this);
        };
    }

    /**
     * The format named by a feed URL: its last segment, and for {@code hash} the {@code algorithm}
     * parameter (SHA-256, SHA-1, MD5; case, '-' and '_' ignored).
     */
    public static Optional<FeedFormat> of(String segment, String algorithm) {
        if ("hash".equals(segment)) {
            if (algorithm == null) {
                return Optional.empty();
            }
            String a = algorithm.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            return Optional.ofNullable(switch (a) {
                case "sha256" -> HASH_SHA256;
                case "sha1" -> HASH_SHA1;
                case "md5" -> HASH_MD5;
                default -> null;
            });
        }
        for (FeedFormat f : values()) {
            if (f.pathName.equals(segment)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}

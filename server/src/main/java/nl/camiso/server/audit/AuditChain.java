package nl.camiso.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical serialisation and hash of audit entries.
 *
 * <p>Format (version 1), UTF-8, one field a line in this fixed order, each value written as
 * {@code <byte length>:<value>} or {@code ~} for null, so that no choice of values can make two
 * different entries serialise alike:
 * <pre>
 * camiso-audit/1
 * seq=42
 * at=1718000000123456
 * action=5:write
 * actor=...  organisation=...  remote=...  api_root=...  collection=...
 * objects=2            (the count, then one line per id)
 * 46:indicator--...
 * outcome=...  detail=...
 * prev=&lt;64 hex digits&gt;
 * </pre>
 * {@code entry_hash = hex(SHA-256(canonical))}. Because the previous entry's hash is inside,
 * changing, removing or reordering any entry breaks every hash after it.
 */
public final class AuditChain {

    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String canonical(AuditEntry e) {
        StringBuilder b = new StringBuilder(256 + 64 * e.objectIds().size());
        b.append("camiso-audit/1\n");
        b.append("seq=").append(e.seq()).append('\n');
        b.append("at=").append(e.atMicros()).append('\n');
        field(b, "action", e.action());
        field(b, "actor", e.actor());
        field(b, "organisation", e.organisation());
        field(b, "remote", e.remoteAddress());
        field(b, "api_root", e.apiRoot());
        field(b, "collection", e.collection());
        b.append("objects=").append(e.objectIds().size()).append('\n');
        for (String id : e.objectIds()) {
            value(b, id);
            b.append('\n');
        }
        field(b, "outcome", e.outcome());
        field(b, "detail", e.detail());
        b.append("prev=").append(e.prevHash()).append('\n');
        return b.toString();
    }

    public static String hash(AuditEntry e) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(e).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    private static void field(StringBuilder b, String name, String v) {
        b.append(name).append('=');
        value(b, v);
        b.append('\n');
    }

    private static void value(StringBuilder b, String v) {
        if (v == null) {
            b.append('~');
        } else {
            b.append(v.getBytes(StandardCharsets.UTF_8).length).append(':').append(v);
        }
    }

    /**
     * Makes client-supplied text storable and stable through any database: control characters
     * (PostgreSQL refuses NUL) and unpaired surrogates become '?', and it is cut to {@code max}
     * chars without splitting a surrogate pair. Null stays null.
     */
    static String safe(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && b.length() <= max; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) || Character.isISOControl(c) ? '?' : c);
            }
        }
        if (b.length() > max) {
            b.setLength(max - 3);
            if (Character.isHighSurrogate(b.charAt(b.length() - 1))) {
                b.setLength(b.length() - 1);
            }
            b.append("...");
        }
        return b.toString();
    }
}

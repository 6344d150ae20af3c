package nl.camiso.taxii.query;

import nl.camiso.taxii.TaxiiException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The opaque {@code next} token: a stateless keyset position.
 *
 * <p>Format (17 bytes, base64url without padding, 23 characters): one format byte ({@code 1}),
 * the {@code date_added} of the last item returned (epoch microseconds, 8 bytes big-endian), and
 * the first 8 bytes of a SHA-256 over the request's other parameters ({@link #fingerprint}).
 * Nothing is kept on the server, so a token survives restarts and works on any instance that
 * shares the database. It grants nothing: access is checked again on every request, and the
 * fingerprint only makes sure the token is used with the query that produced it.
 */
public final class Cursor {

    private static final byte FORMAT = 1;
    private static final int LENGTH = 17;

    private Cursor() {
    }

    public static String encode(long afterMicros, long fingerprint) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(FORMAT).putLong(afterMicros).putLong(fingerprint);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Returns the keyset position of a token.
     *
     * @throws TaxiiException 400 when the token is malformed or belongs to a different query
     */
    public static long decode(String token, long expectedFingerprint) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not a token this server issued");
        }
        if (raw.length != LENGTH || raw[0] != FORMAT) {
            throw invalid("it is not a token this server issued");
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 1, LENGTH - 1);
        long position = b.getLong();
        long fingerprint = b.getLong();
        if (fingerprint != expectedFingerprint) {
            throw invalid("it was issued for a different query; send it with the same URL and parameters"
                    + " as the request that returned it");
        }
        return position;
    }

    /** A 64-bit digest of the canonical text of everything the token must be used with. */
    public static long fingerprint(String canonicalQuery) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalQuery.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static TaxiiException invalid(String why) {
        return new TaxiiException(400, "Invalid parameter next", "The next parameter is not valid: " + why + ".");
    }
}

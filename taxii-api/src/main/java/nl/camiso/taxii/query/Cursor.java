package nl.camiso.taxii.query;

import nl.camiso.taxii.TaxiiException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The opaque {@code next} token: a self-contained, authenticated continuation of a query.
 *
 * <p>A token carries everything needed for the next page (the keyset position, i.e. the
 * {@code date_added} of the last item returned, the filters as the client sent them, and the
 * {@code limit} if one was given), so a client may send {@code ?next=X} alone, as OpenCTI and
 * Elastic do. Nothing is kept on the server: a token survives restarts and works on any instance
 * that shares the key (the server keeps it in the database).
 *
 * <p>Format, base64url without padding: a format byte ({@code 2} plain, {@code 3} deflated body),
 * 16 bytes of HMAC-SHA256, then the body. The MAC covers the format byte and body and also the
 * token's binding (endpoint, collection, object, reader), which is not in the token itself: a
 * token used in another collection, by another account, on another endpoint, or altered in any
 * way fails the check and is a 400. It grants nothing beyond what the filters it carries could ask
 * for directly; access is still checked on every request.
 */
public final class Cursor {

    private static final byte PLAIN = 2;
    private static final byte DEFLATED = 3;
    private static final int MAC_BYTES = 16;
    /** Bodies above this are deflated when that makes them shorter (long match[id] lists). */
    private static final int COMPRESS_ABOVE = 96;
    /** A body this server wrote never inflates beyond this (URLs are far shorter). */
    private static final int MAX_BODY = 1 << 20;
    private static final int MIN_KEY_BYTES = 32;
    /** The filter names a token can carry, by their one-byte code (index); never reorder. */
    static final List<String> FILTERS = List.of(Endpoint.Params.ADDED_AFTER, Endpoint.Params.MATCH_ID,
            Endpoint.Params.MATCH_TYPE, Endpoint.Params.MATCH_VERSION, Endpoint.Params.MATCH_SPEC_VERSION);

    private final SecretKeySpec key;

    /** @param key at least 256 random bits, the same on every server sharing a database */
    public Cursor(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a cursor key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A key of this process only: its tokens stop working when it ends (tests, in-memory stores). */
    public static Cursor withRandomKey() {
        byte[] k = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(k);
        return new Cursor(k);
    }

    /**
     * What a token continues.
     *
     * @param positionMicros keyset position: the next page starts strictly after this {@code date_added}
     * @param limit          the {@code limit} the query was sent with, 0 when it had none
     * @param filters        filter name to the value as sent, only those present, in {@link #FILTERS} order
     */
    public record Continuation(long positionMicros, int limit, Map<String, String> filters) {
        public Continuation {
            filters = Map.copyOf(filters);
        }
    }

    /** @param binding what the token may only be used with: endpoint, collection, object, reader */
    public String encode(Continuation c, String binding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (DataOutputStream d = new DataOutputStream(out)) {
            d.writeLong(c.positionMicros());
            d.writeInt(c.limit());
            for (int code = 0; code < FILTERS.size(); code++) {
                String value = c.filters().get(FILTERS.get(code));
                if (value != null) {
                    byte[] v = value.getBytes(StandardCharsets.UTF_8);
                    d.writeByte(code);
                    d.writeInt(v.length);
                    d.write(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = out.toByteArray();
        byte format = PLAIN;
        if (body.length > COMPRESS_ABOVE) {
            byte[] packed = deflate(body);
            if (packed.length < body.length) {
                body = packed;
                format = DEFLATED;
            }
        }
        byte[] mac = mac(format, body, binding);
        byte[] token = new byte[1 + MAC_BYTES + body.length];
        token[0] = format;
        System.arraycopy(mac, 0, token, 1, MAC_BYTES);
        System.arraycopy(body, 0, token, 1 + MAC_BYTES, body.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /**
     * The continuation in a token.
     *
     * @throws TaxiiException 400 when the token is malformed, altered, or was issued for another
     *                        collection, object, endpoint or account
     */
    public Continuation decode(String token, String binding) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not a token this server issued");
        }
        if (raw.length < 1 + MAC_BYTES || (raw[0] != PLAIN && raw[0] != DEFLATED)) {
            throw invalid("it is not a token this server issued");
        }
        byte[] body = Arrays.copyOfRange(raw, 1 + MAC_BYTES, raw.length);
        byte[] expected = mac(raw[0], body, binding);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(expected, 0, MAC_BYTES), Arrays.copyOfRange(raw, 1, 1 + MAC_BYTES))) {
            throw invalid("it was not issued by this server for this collection, endpoint and account,"
                    + " or it was altered");
        }
        if (raw[0] == DEFLATED) {
            body = inflate(body);
        }
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(body))) {
            long position = d.readLong();
            int limit = d.readInt();
            Map<String, String> filters = new LinkedHashMap<>();
            while (d.available() > 0) {
                int code = d.readUnsignedByte();
                byte[] v = new byte[d.readInt()];
                d.readFully(v);
                filters.put(FILTERS.get(code), new String(v, StandardCharsets.UTF_8));
            }
            return new Continuation(position, limit, filters);
        } catch (IOException | RuntimeException e) {
            // authentic but unreadable: only a token of another version of this server
            throw invalid("it is not a token this server issued");
        }
    }

    private byte[] mac(byte format, byte[] body, String binding) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            byte[] b = binding.getBytes(StandardCharsets.UTF_8);
            m.update(ByteBuffer.allocate(4).putInt(b.length).array());
            m.update(b);
            m.update(format);
            return m.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static byte[] deflate(byte[] body) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(body);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
            byte[] buf = new byte[1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] inflate(byte[] body) {
        Inflater i = new Inflater();
        try {
            i.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buf = new byte[1024];
            while (!i.finished()) {
                int n = i.inflate(buf);
                if (n == 0 && (i.needsInput() || i.needsDictionary())) {
                    throw invalid("it is not a token this server issued");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY) {
                    throw invalid("it is not a token this server issued");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw invalid("it is not a token this server issued");
        } finally {
            i.end();
        }
    }

    static TaxiiException invalid(String why) {
        return new TaxiiException(400, "Invalid parameter next", "The next parameter is not valid: " + why + ".");
    }
}

package nl.camiso.taxii.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Conditional GET for answers that clients poll (TAXII objects and manifest, feeds): a weak
 * {@code ETag} computed before the query from what the answer depends on (the collection's last
 * change, the normalised request, the reader), so that a poll with nothing new costs one row read
 * and gets {@code 304 Not Modified}; {@code Last-Modified}/{@code If-Modified-Since} too; and the
 * {@code Cache-Control} that fits the reader.
 *
 * <p>{@code Last-Modified} is only given once the last change is a minute old: a write takes its
 * time before it commits, so a change committing just after an answer can carry a time in the
 * same second as that answer's {@code Last-Modified}, and second-granular dates would then call it
 * unmodified. The {@code ETag} has no such gap (it holds the exact change marker).
 */
public final class Conditional {

    /** How long a shared cache may serve a public answer (the anonymous TLP:CLEAR collection). */
    public static final int PUBLIC_MAX_AGE_SECONDS = 60;
    static final long LAST_MODIFIED_SETTLE_MICROS = 60_000_000L;
    private static volatile long settleMicros = LAST_MODIFIED_SETTLE_MICROS;

    /**
     * What a conditional answer is validated by.
     *
     * @param lastModified null when the last change is too recent to name (see the class comment)
     */
    public record Validator(EntityTag etag, Date lastModified, boolean isPublic) {

        public String cacheControl() {
            // private answers may be kept by the client, but must be revalidated each time
            return isPublic ? "public, max-age=" + PUBLIC_MAX_AGE_SECONDS : "private, no-cache";
        }

        /** Adds ETag, Last-Modified, Cache-Control and Vary to an answer. */
        public Response.ResponseBuilder decorate(Response.ResponseBuilder r) {
            r.tag(etag).header("Cache-Control", cacheControl()).header("Vary", "Authorization");
            if (lastModified != null) {
                r.lastModified(lastModified);
            }
            return r;
        }
    }

    private Conditional() {
    }

    /**
     * @param parts            everything besides the change time the answer depends on (endpoint,
     *                         collection, normalised query, reader)
     * @param lastChangeMicros the latest change the answer reflects, epoch microseconds
     * @param isPublic         an anonymous answer from a public collection: cacheable by shared caches
     */
    public static Validator validator(List<String> parts, long lastChangeMicros, boolean isPublic) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(Long.toString(lastChangeMicros).getBytes(StandardCharsets.UTF_8));
        for (String p : parts) {
            sha.update((byte) 0);
            sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        }
        byte[] hash = sha.digest();
        String tag = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18));
        long nowMicros = Instant.now().toEpochMilli() * 1000;
        Date lastModified = lastChangeMicros > 0 && lastChangeMicros <= nowMicros - settleMicros
                ? new Date(lastChangeMicros / 1000) : null;
        return new Validator(new EntityTag(tag, true), lastModified, isPublic);
    }

    /**
     * How old the last change must be before {@code Last-Modified} names it: a minute unless a test
     * sets it shorter to see If-Modified-Since work without waiting (at least a second, or the
     * gap the class comment describes opens). Returns the previous value, to restore it.
     */
    public static java.time.Duration lastModifiedSettle(java.time.Duration settle) {
        if (settle.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("settle at least a second");
        }
        java.time.Duration before = java.time.Duration.ofNanos(settleMicros * 1000);
        settleMicros = settle.toNanos() / 1000;
        return before;
    }

    /** The 304 answer when the request's If-None-Match (or, without it, If-Modified-Since) says the client has it. */
    public static Optional<Response> notModified(Request request, Validator v) {
        Response.ResponseBuilder b = v.lastModified() == null
                ? request.evaluatePreconditions(v.etag())
                : request.evaluatePreconditions(v.lastModified(), v.etag());
        if (b == null) {
            return Optional.empty();
        }
        Response r = v.decorate(b).build();
        return r.getStatus() == 304 ? Optional.of(r) : Optional.empty();
    }

    /** The query parameters in a canonical order (names sorted, values in the order sent). */
    public static String normalisedQuery(MultivaluedMap<String, String> query) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<String>> e : new TreeMap<>(query).entrySet()) {
            b.append(e.getKey()).append('=').append(String.join("\u0001", e.getValue())).append('&');
        }
        return b.toString();
    }
}

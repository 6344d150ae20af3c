package nl.camiso.server.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.audit.AuditSink;
import nl.camiso.server.http.ClientAddress;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.spi.Requester;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Authenticates every request before anything else runs (pre-matching, so that not even the
 * existence of a path is revealed without credentials): HTTP Basic (RFC 7617), a JWT bearer
 * token (RFC 6750), or a feed key ({@link FeedKeys}) as {@code ?key=} or bearer token. Puts the
 * {@link Principal} in request property {@link Requester#PROPERTY}.
 * Invalid credentials, and missing ones except where {@link AnonymousAccess} lets a request read
 * a public collection, give 401 with a {@code WWW-Authenticate} challenge; failures are reported
 * to the {@link AuditSink}. When the credentials cannot be judged because of load or an unreachable
 * identity provider the answer is 503 with {@code Retry-After}, never 401: a firewall whose list
 * answers 401 stops enforcing it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {

    public static final String CHALLENGE = "Basic realm=\"camiso\", Bearer realm=\"camiso\"";

    /** The query parameter that carries a feed key, for devices that can only be given a URL. */
    public static final String FEED_KEY_PARAMETER = "key";

    private final Authenticator authenticator;
    private final AuditSink audit;
    private final AnonymousAccess anonymous;

    /**
     * @param anonymousAllowed whether a request without credentials proceeds as
     *                         {@link Principal#ANONYMOUS} (for public collections); invalid
     *                         credentials are refused either way
     */
    public AuthFilter(Authenticator authenticator, AuditSink audit, boolean anonymousAllowed) {
        this(authenticator, audit, anonymousAllowed ? (method, path) -> true : AnonymousAccess.NONE);
    }

    /**
     * @param anonymous which requests without credentials proceed as {@link Principal#ANONYMOUS}
     *                  (reading public collections); the rest get 401. Invalid credentials are
     *                  refused either way.
     */
    public AuthFilter(Authenticator authenticator, AuditSink audit, AnonymousAccess anonymous) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.anonymous = anonymous;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        java.util.List<String> keyParameter = request.getUriInfo().getQueryParameters().get(FEED_KEY_PARAMETER);
        if (keyParameter != null) {
            if (header != null && !header.isBlank() || keyParameter.size() != 1) {
                fail(request, "-", "more than one credential (feed key parameter and Authorization, or the parameter twice)");
            }
            authenticateFeedKey(request, keyParameter.get(0));
            return;
        }
        if (header == null || header.isBlank()) {
            if (anonymous.allows(request.getMethod(), request.getUriInfo().getPath(true))) {
                request.setProperty(Requester.PROPERTY, Principal.ANONYMOUS);
                return;
            }
            throw unauthorized("Authentication is required (HTTP Basic or a Bearer token).");
        }
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        Authenticator.Result result;
        switch (scheme) {
            case "basic" -> {
                String[] userPass = decodeBasic(value);
                if (userPass == null) {
                    fail(request, "-", "malformed Basic credentials");
                }
                result = authenticator.basic(userPass[0], userPass[1]);
            }
            case "bearer" -> {
                if (FeedKeys.looksLikeKey(value)) {
                    authenticateFeedKey(request, value);
                    return;
                }
                try {
                    result = authenticator.bearer(value);
                } catch (JwtVerifier.KeysUnavailableException e) {
                    // not a failed login: the token was not judged, so nothing for the audit trail either
                    throw TaxiiException.unavailable("The identity provider's keys cannot be fetched right now;"
                            + " try again in a few seconds.");
                }
            }
            default -> {
                fail(request, "-", "unsupported authentication scheme");
                return;
            }
        }
        if (!result.isSuccess()) {
            fail(request, result.actor(), result.failure());
        }
        request.setProperty(Requester.PROPERTY, Principal.of(result.account(), "basic".equals(scheme)));
    }

    /**
     * A feed key, from {@code ?key=} or a bearer header: the request acts as a
     * {@link Principal#ofFeedKey}, which the authorizer lets read feeds only. A wrong or revoked key is
     * 401 like a wrong password; the audit trail gets the key's public id at most, never the key.
     */
    private void authenticateFeedKey(ContainerRequestContext request, String key) {
        Authenticator.Result result = authenticator.feedKey(key);
        if (!result.isSuccess()) {
            fail(request, result.actor(), result.failure());
        }
        request.setProperty(Requester.PROPERTY, Principal.ofFeedKey(result.account(), result.feedKeyId()));
    }

    /**
     * {@code user:password} from base64 UTF-8; null when malformed. The user name cannot contain
     * ':', and neither part a control character (RFC 7617).
     */
    static String[] decodeBasic(String value) {
        try {
            byte[] raw = Base64.getDecoder().decode(value);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
            int colon = text.indexOf(':');
            if (colon <= 0 || text.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                return null; // RFC 7617: no control characters (a NUL would reach the database)
            }
            return new String[]{text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private void fail(ContainerRequestContext request, String claimedUser, String reason) {
        audit.record(new AuditEvent(Instant.now(), AuditEvent.LOGIN_FAILED, claimedUser, ClientAddress.of(request),
                reason));
        throw unauthorized("The credentials are not valid.");
    }


    static TaxiiException unauthorized(String description) {
        return new TaxiiException(401, "Unauthorized", description, Map.of(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE));
    }
}

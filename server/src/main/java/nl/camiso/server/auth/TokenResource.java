package nl.camiso.server.auth;

import nl.camiso.taxii.Injection;
import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /x-camiso/token/?ttl=3600}: an account exchanges its password (HTTP Basic) for a
 * short-lived HS256 bearer token for itself, so that SIEMs polling thousands of times an hour need
 * not send the password each time, and tokens can be had while the server runs (the CLI's
 * {@code camiso token issue} needs the database to itself on embedded H2). A bearer token cannot
 * be exchanged for a new one: a stolen token would otherwise live forever.
 */
@Path("x-camiso/token")
public final class TokenResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The issuer, and the authorizer that decides who may ({@link Operation#ISSUE_TOKEN}). */
    record Services(TokenIssuer issuer, Authorizer<Principal> authorizer) {
    }

    private final TokenIssuer issuer;
    private final Authorizer<Principal> authorizer;

    @Inject
    public TokenResource(Services s) {
        this.issuer = s.issuer();
        this.authorizer = s.authorizer();
    }

    /** Registers the endpoint; with a null issuer (no HS256 configured) it answers 404. */
    public static Feature feature(TokenIssuer issuer, Authorizer<Principal> authorizer) {
        return context -> {
            if (issuer != null) {
                context.register(new Injection.Binding<>(new Services(issuer, authorizer), Services.class) { });
                context.register(TokenResource.class);
            }
            return true;
        };
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, "application/taxii+json"}) // any other Accept: 406
    public Response issue(@Context ContainerRequestContext request, @QueryParam("ttl") String ttl) {
        Principal principal = authorizer.principal(request);
        authorizer.decide(principal, Operation.ISSUE_TOKEN, Target.server()).require("token");
        long max = issuer.maxLifetime().toSeconds();
        long seconds;
        try {
            seconds = ttl == null ? Math.min(3600, max) : Long.parseLong(ttl);
        } catch (NumberFormatException e) {
            throw new TaxiiException(400, "Bad Request", "ttl must be a number of seconds");
        }
        if (seconds < 1 || seconds > max) {
            throw new TaxiiException(400, "Bad Request", "ttl must be between 1 and " + max + " seconds");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("access_token", issuer.issue(principal.account().orElseThrow(), Duration.ofSeconds(seconds), Instant.now()));
        body.put("token_type", "Bearer");
        body.put("expires_in", seconds);
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}

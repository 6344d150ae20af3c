package nl.camiso.server.audit;

import nl.camiso.server.http.JsonEndpoint;
import nl.camiso.taxii.Injection;
import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

import static nl.camiso.taxii.TaxiiException.badRequest;

/**
 * {@code GET /x-camiso/audit/?from=&to=&organisation=&action=&limit=&next=}: the audit trail for
 * the supervisory board ({@link Operation#READ_AUDIT}: accounts with role supervisor or admin;
 * anyone else gets 403, and the audit filter records that refusal like any other). Oldest first; {@code next} is a keyset cursor (the sequence number
 * of the last entry of the previous page), so pages stay stable while entries are appended.
 *
 * <p>{@code from} (inclusive) and {@code to} (exclusive) are RFC 3339 timestamps;
 * {@code organisation} matches the actor's organisation; {@code limit} is 1..1000 (default 100).
 */
@Path("x-camiso/audit")
@JsonEndpoint("The audit trail")
public final class AuditResource {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The log it reads, and the authorizer that decides who may. */
    record Services(DbAuditLog log, Authorizer<Principal> authorizer) {
    }

    private final DbAuditLog log;
    private final Authorizer<Principal> authorizer;

    @Inject
    public AuditResource(Services s) {
        this.log = s.log();
        this.authorizer = s.authorizer();
    }

    /** Registers this endpoint: {@code resourceConfig.register(AuditResource.feature(log, authorizer))}. */
    public static Feature feature(DbAuditLog log, Authorizer<Principal> authorizer) {
        return context -> {
            context.register(new Injection.Binding<>(new Services(log, authorizer), Services.class) { });
            context.register(AuditResource.class);
            return true;
        };
    }

    @GET
    public Response list(@Context ContainerRequestContext request, @Context UriInfo uri) {
        authorizer.decide(authorizer.principal(request), Operation.READ_AUDIT, Target.server()).require("audit trail");
        MultivaluedMap<String, String> p = uri.getQueryParameters();
        DbAuditLog.Query q = new DbAuditLog.Query(
                cursor(single(p, "next")),
                time(single(p, "from"), "from"),
                time(single(p, "to"), "to"),
                word(single(p, "organisation"), "organisation"),
                word(single(p, "action"), "action"),
                limit(single(p, "limit")));
        DbAuditLog.Page page = log.find(q);
        ObjectNode body = JSON.createObjectNode();
        body.put("more", page.more());
        if (page.more()) {
            body.put("next", Long.toString(page.entries().get(page.entries().size() - 1).seq()));
        }
        ArrayNode entries = body.putArray("entries");
        page.entries().forEach(e -> entries.add(toJson(e)));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
    }

    /** One entry as JSON: all stored fields, so a supervisor can re-check the hashes offline. */
    public static ObjectNode toJson(AuditEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", e.seq());
        n.put("timestamp", timestamp(e.atMicros()));
        n.put("action", e.action());
        n.put("actor", e.actor());
        n.put("organisation", e.organisation());
        n.put("remote_address", e.remoteAddress());
        n.put("api_root", e.apiRoot());
        n.put("collection", e.collection());
        ArrayNode ids = n.putArray("object_ids");
        e.objectIds().forEach(ids::add);
        n.put("outcome", e.outcome());
        n.put("detail", e.detail());
        n.put("prev_hash", e.prevHash());
        n.put("hash", e.entryHash());
        return n;
    }

    public static String timestamp(long micros) {
        return MICROS.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    private static String single(MultivaluedMap<String, String> p, String name) {
        List<String> values = p.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw badRequest("'" + name + "' may be given only once.");
        }
        return values.get(0);
    }

    private static long cursor(String v) {
        if (v == null) {
            return 0;
        }
        try {
            long seq = Long.parseLong(v);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw badRequest("'next' must be the value of 'next' from the previous page.");
    }

    private static Long time(String v, String name) {
        if (v == null) {
            return null;
        }
        try {
            return DbAuditLog.micros(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw badRequest("'" + name + "' must be an RFC 3339 timestamp, e.g. 2024-06-01T00:00:00Z.");
        }
    }

    private static String word(String v, String name) {
        if (v == null) {
            return null;
        }
        if (!WORD.matcher(v).matches()) {
            throw badRequest("'" + name + "' must be a short name (letters, digits, '.', '_', '-').");
        }
        return v;
    }

    private static int limit(String v) {
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return Math.min(n, MAX_LIMIT);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw badRequest("'limit' must be a positive integer (at most " + MAX_LIMIT + " are returned).");
    }
}

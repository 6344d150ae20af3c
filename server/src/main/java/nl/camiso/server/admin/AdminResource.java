package nl.camiso.server.admin;

import nl.camiso.server.http.JsonEndpoint;
import jakarta.ws.rs.core.Feature;
import nl.camiso.taxii.Injection;
import jakarta.inject.Inject;
import nl.camiso.server.http.JsonExchange;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountException;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.Role;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.audit.AuditSink;
import nl.camiso.server.auth.FeedKeys;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.network.Initiative;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkException;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.server.network.NetworkStore;
import nl.camiso.server.network.Organisation;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static nl.camiso.taxii.TaxiiException.badRequest;

/**
 * The administration API, for admin accounts only: organisations, initiatives and their members,
 * accounts, and the named accounts of TLP:RED collections. JSON in and out
 * ({@code application/json}); errors are TAXII error messages. Every change takes effect with
 * the next request (this process reloads the network at once; other instances on the same
 * database within {@link Network#DEFAULT_RECHECK}).
 *
 * <pre>
 * GET    /x-camiso/admin/organisations/                        list
 * GET    /x-camiso/admin/organisations/{name}/                 one
 * PUT    /x-camiso/admin/organisations/{name}/                 create (201) or update (200): {"title","role","identity"}
 * DELETE /x-camiso/admin/organisations/{name}/                 204; 409 while it runs an initiative, owns a collection or has accounts
 * GET    /x-camiso/admin/organisations/{name}/allow-list/      {"organisation","entries":[...]}: its own networks and domains
 * PUT    /x-camiso/admin/organisations/{name}/allow-list/{entry}  add an address, CIDR (192.0.2.0/29) or domain: 201, 200 if there
 * DELETE /x-camiso/admin/organisations/{name}/allow-list/{entry}  remove one: 204, 404 if it was not there
 * GET    /x-camiso/admin/initiatives/                          list with members
 * GET    /x-camiso/admin/initiatives/{name}/                   one
 * PUT    /x-camiso/admin/initiatives/{name}/                   {"title","organisation","members":[{"organisation","clearance"}]} (members optional: kept)
 * DELETE /x-camiso/admin/initiatives/{name}/                   204; 409 while it owns a collection
 * PUT    /x-camiso/admin/initiatives/{name}/members/{org}/     {"clearance":"AMBER"}: add or change a member
 * DELETE /x-camiso/admin/initiatives/{name}/members/{org}/     remove a member
 * GET    /x-camiso/admin/accounts/                             list (never a password or hash)
 * GET    /x-camiso/admin/accounts/{name}/                      one
 * PUT    /x-camiso/admin/accounts/{name}/                      {"password","organisation","roles":["admin"],"token_only":false}: create or update
 * DELETE /x-camiso/admin/accounts/{name}/                      204
 * POST   /x-camiso/admin/accounts/{name}/feed-keys/            {"label"} optional: 201 with the new key (shown this once)
 * GET    /x-camiso/admin/feed-keys/?account=                   list (never a key or its hash)
 * DELETE /x-camiso/admin/feed-keys/{id}/                       revoke: 204, the key fails from the next request
 * GET    /x-camiso/admin/collections/                          collections with owner, TLP, public, reporting, RED accounts
 * GET    /x-camiso/admin/collections/{id}/red-accounts/        {"accounts":[...]}
 * PUT    /x-camiso/admin/collections/{id}/red-accounts/        {"accounts":[...]}: replace the list
 * PUT    /x-camiso/admin/collections/{id}/red-accounts/{acc}/  add one
 * DELETE /x-camiso/admin/collections/{id}/red-accounts/{acc}/  remove one
 * </pre>
 * Every change that succeeds is one {@code admin-change} entry in the audit trail (method, path
 * and status; never a body, so never a password).
 */
@Path("x-camiso/admin")
@JsonEndpoint("The administration API")
public final class AdminResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    /**
     * What the admin API works on, the authorizer that decides who may ({@link Operation#ADMINISTER}),
     * and the feed keys ({@code feedKeys} null where there are none: no database).
     */
    public record Services(CamisoConfig config, Network network, AccountStore accounts,
                           Authorizer<Principal> authorizer, FeedKeys.Store feedKeys, AuditSink audit) {
        public Services(CamisoConfig config, Network network, AccountStore accounts, Authorizer<Principal> authorizer,
                        FeedKeys.Store feedKeys) {
            this(config, network, accounts, authorizer, feedKeys, AuditSink.none());
        }

        public Services(CamisoConfig config, Network network, AccountStore accounts, Authorizer<Principal> authorizer) {
            this(config, network, accounts, authorizer, null);
        }
    }

    /** The admin API, to register with an application. */
    public static Feature feature(Services services) {
        return context -> {
            context.register(new Injection.Binding<>(services, Services.class) { });
            context.register(AdminResource.class);
            return true;
        };
    }

    private final CamisoConfig config;
    private final Network network;
    private final NetworkStore store;
    private final AccountStore accounts;
    private final FeedKeys.Store feedKeys;
    private final Authorizer<Principal> authorizer;
    private final AuditSink audit;

    @Inject
    public AdminResource(Services s) {
        this.config = s.config();
        this.network = s.network();
        this.store = s.network().store();
        this.accounts = s.accounts();
        this.feedKeys = s.feedKeys();
        this.authorizer = s.authorizer();
        this.audit = s.audit();
    }

    // --- organisations ------------------------------------------------------------------------------

    @GET
    @Path("organisations")
    public Response organisations(@Context ContainerRequestContext request) {
        return run(request, () -> {
            ArrayNode list = JSON.createArrayNode();
            network.current().organisations().values().forEach(o -> list.add(json(o)));
            return ok(JSON.createObjectNode().set("organisations", list));
        });
    }

    @GET
    @Path("organisations/{name}")
    public Response organisation(@Context ContainerRequestContext request, @PathParam("name") String name) {
        return run(request, () -> ok(json(network.current().organisation(name)
                .orElseThrow(() -> notFound("organisation", name)))));
    }

    @PUT
    @Path("organisations/{name}")
    public Response putOrganisation(@Context ContainerRequestContext request, @PathParam("name") String name,
                                    InputStream body) {
        return run(request, () -> {
            JsonNode b = body(body);
            Organisation o = new Organisation(name, text(b, "title"),
                    b.hasNonNull("role") ? NetworkStore.parseRole(text(b, "role")) : null, text(b, "identity"));
            boolean created = store.putOrganisation(o);
            network.refresh();
            return saved(created, json(network.current().organisation(name).orElseThrow()));
        });
    }

    @DELETE
    @Path("organisations/{name}")
    public Response deleteOrganisation(@Context ContainerRequestContext request, @PathParam("name") String name) {
        return run(request, () -> {
            if (!store.deleteOrganisation(name)) {
                throw notFound("organisation", name);
            }
            network.refresh();
            return Response.noContent().build();
        });
    }

    // --- an organisation's own networks and domains (never in the feeds its accounts read) -------------

    @GET
    @Path("organisations/{name}/allow-list")
    public Response ownEntries(@Context ContainerRequestContext request, @PathParam("name") String name) {
        return run(request, () -> ok(ownJson(name)));
    }

    /** The entry is the rest of the path, so a CIDR needs no escaping: {@code .../allow-list/192.0.2.0/29}. */
    @PUT
    @Path("organisations/{name}/allow-list/{entry: .+}")
    public Response addOwnEntry(@Context ContainerRequestContext request, @PathParam("name") String name,
                                @PathParam("entry") String entry) {
        return run(request, () -> {
            boolean added = store.addOwnEntry(name, withoutSlash(entry)).getValue();
            network.refresh();
            return saved(added, ownJson(name));
        });
    }

    @DELETE
    @Path("organisations/{name}/allow-list/{entry: .+}")
    public Response removeOwnEntry(@Context ContainerRequestContext request, @PathParam("name") String name,
                                   @PathParam("entry") String entry) {
        return run(request, () -> {
            if (!store.removeOwnEntry(name, withoutSlash(entry))) {
                throw new TaxiiException(404, "Not Found", "'" + withoutSlash(entry)
                        + "' is not on the allow-list of '" + name + "'.");
            }
            network.refresh();
            return Response.noContent().build();
        });
    }

    /** Paths here end in '/'; the entry's own '/' (a CIDR) stays. */
    private static String withoutSlash(String entry) {
        return entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
    }

    private ObjectNode ownJson(String organisation) {
        NetworkSnapshot net = network.current();
        if (net.organisation(organisation).isEmpty()) {
            throw notFound("organisation", organisation);
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("organisation", organisation);
        ArrayNode list = n.putArray("entries");
        net.ownEntries(organisation).forEach(list::add);
        return n;
    }

    // --- initiatives --------------------------------------------------------------------------------

    @GET
    @Path("initiatives")
    public Response initiatives(@Context ContainerRequestContext request) {
        return run(request, () -> {
            ArrayNode list = JSON.createArrayNode();
            network.current().initiatives().values().forEach(i -> list.add(json(i)));
            return ok(JSON.createObjectNode().set("initiatives", list));
        });
    }

    @GET
    @Path("initiatives/{name}")
    public Response initiative(@Context ContainerRequestContext request, @PathParam("name") String name) {
        return run(request, () -> ok(json(initiativeOrFail(name))));
    }

    @PUT
    @Path("initiatives/{name}")
    public Response putInitiative(@Context ContainerRequestContext request, @PathParam("name") String name,
                                  InputStream body) {
        return run(request, () -> {
            JsonNode b = body(body);
            Map<String, Tlp> members = null;
            if (b.has("members")) {
                if (!b.get("members").isArray()) {
                    throw badRequest("'members' must be an array of {\"organisation\", \"clearance\"}");
                }
                members = new LinkedHashMap<>();
                for (JsonNode m : b.get("members")) {
                    if (!m.isObject()) {
                        throw badRequest("'members' must be an array of {\"organisation\", \"clearance\"}");
                    }
                    String org = text(m, "organisation");
                    if (org == null) {
                        throw badRequest("every member needs an 'organisation'");
                    }
                    members.put(org, NetworkStore.parseClearance(text(m, "clearance")));
                }
            }
            Initiative existing = network.current().initiatives().get(name);
            String title = b.has("title") ? text(b, "title") : existing == null ? null : existing.title();
            String org = b.has("organisation") ? text(b, "organisation") : existing == null ? null : existing.organisation();
            boolean created = store.putInitiative(name, title, org, members);
            network.refresh();
            return saved(created, json(initiativeOrFail(name)));
        });
    }

    @DELETE
    @Path("initiatives/{name}")
    public Response deleteInitiative(@Context ContainerRequestContext request, @PathParam("name") String name) {
        return run(request, () -> {
            if (!store.deleteInitiative(name)) {
                throw notFound("initiative", name);
            }
            network.refresh();
            return Response.noContent().build();
        });
    }

    @PUT
    @Path("initiatives/{name}/members/{organisation}")
    public Response putMember(@Context ContainerRequestContext request, @PathParam("name") String name,
                              @PathParam("organisation") String organisation, InputStream body) {
        return run(request, () -> {
            Tlp clearance = NetworkStore.parseClearance(text(body(body), "clearance"));
            boolean added = store.putMember(name, organisation, clearance);
            network.refresh();
            return saved(added, json(initiativeOrFail(name)));
        });
    }

    @DELETE
    @Path("initiatives/{name}/members/{organisation}")
    public Response deleteMember(@Context ContainerRequestContext request, @PathParam("name") String name,
                                 @PathParam("organisation") String organisation) {
        return run(request, () -> {
            if (!store.removeMember(name, organisation)) {
                throw new TaxiiException(404, "Not Found", "'" + organisation + "' is no member of '" + name + "'.");
            }
            network.refresh();
            return Response.noContent().build();
        });
    }

    // --- accounts -------------------------------------------------------------------------------------

    @GET
    @Path("accounts")
    public Response accountList(@Context ContainerRequestContext request) {
        return run(request, () -> {
            ArrayNode list = JSON.createArrayNode();
            accounts.list().forEach(a -> list.add(json(a)));
            return ok(JSON.createObjectNode().set("accounts", list));
        });
    }

    @GET
    @Path("accounts/{name}")
    public Response account(@Context ContainerRequestContext request, @PathParam("name") String name) {
        return run(request, () -> ok(json(accounts.find(name).orElseThrow(() -> notFound("account", name)))));
    }

    @PUT
    @Path("accounts/{name}")
    public Response putAccount(@Context ContainerRequestContext request, @PathParam("name") String name,
                               InputStream body) {
        return run(request, () -> {
            // the JSON's shape is checked here; what makes an account valid, in AccountStore (as for the CLI)
            JsonNode b = body(body);
            String organisation = text(b, "organisation");
            Set<Role> roles = null;
            if (b.has("roles")) {
                if (!b.get("roles").isArray()) {
                    throw badRequest("'roles' must be an array, e.g. [\"admin\"]");
                }
                roles = EnumSet.noneOf(Role.class);
                for (JsonNode r : b.get("roles")) {
                    if (!r.isTextual()) {
                        throw badRequest("'roles' must hold strings, e.g. [\"admin\"]");
                    }
                    try {
                        roles.add(Role.fromLabel(r.textValue()));
                    } catch (IllegalArgumentException e) {
                        throw badRequest(e.getMessage());
                    }
                }
            }
            String password = text(b, "password");
            boolean created = accounts.find(name).isEmpty();
            if (created) {
                boolean tokenOnly = flag(b, "token_only");
                if (password == null && !tokenOnly) {
                    throw badRequest("a new account needs a 'password' (or \"token_only\": true)");
                }
                accounts.create(name, tokenOnly ? null : password, organisation, roles == null ? Set.of() : roles);
            } else {
                accounts.update(name, new AccountStore.Update(password, b.has("organisation"), organisation, roles));
            }
            network.refresh(); // an account's organisation decides which collections it reads
            return saved(created, json(accounts.find(name).orElseThrow()));
        });
    }

    @DELETE
    @Path("accounts/{name}")
    public Response deleteAccount(@Context ContainerRequestContext request, @PathParam("name") String name) {
        return run(request, () -> {
            if (!accounts.delete(name)) {
                throw notFound("account", name);
            }
            network.refresh(); // its RED entries and grants went with it
            return Response.noContent().build();
        });
    }

    // --- feed keys ----------------------------------------------------------------------------------------

    @POST
    @Path("accounts/{name}/feed-keys")
    public Response createFeedKey(@Context ContainerRequestContext request, @PathParam("name") String name,
                                  InputStream body) {
        return run(request, () -> {
            FeedKeys.Store keys = feedKeys();
            String label = text(body(body), "label");
            Account account = accounts.find(name).orElseThrow(() -> notFound("account", name));
            FeedKeys.NewKey k = FeedKeys.issue(keys, account, label);
            // the only time the key is shown: it is stored hashed
            return saved(true, json(k.stored()).put("key", k.key()));
        });
    }

    @GET
    @Path("feed-keys")
    public Response feedKeyList(@Context ContainerRequestContext request, @QueryParam("account") String account) {
        return run(request, () -> {
            ArrayNode list = JSON.createArrayNode();
            feedKeys().list(account).forEach(k -> list.add(json(k)));
            return ok(JSON.createObjectNode().set("feed_keys", list));
        });
    }

    @DELETE
    @Path("feed-keys/{id}")
    public Response revokeFeedKey(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return run(request, () -> {
            if (!feedKeys().revoke(id)) {
                throw notFound("feed key", id);
            }
            return Response.noContent().build();
        });
    }

    private FeedKeys.Store feedKeys() {
        if (feedKeys == null) {
            throw new TaxiiException(404, "Not Found", "This server keeps no feed keys.");
        }
        return feedKeys;
    }

    private static ObjectNode json(FeedKeys.StoredKey k) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", k.id());
        n.put("account", k.accountName());
        if (k.label() != null) {
            n.put("label", k.label());
        }
        n.put("created", k.createdAt().toString());
        return n;
    }

    // --- collections and RED accounts ---------------------------------------------------------------------

    @GET
    @Path("collections")
    public Response collections(@Context ContainerRequestContext request) {
        return run(request, () -> {
            NetworkSnapshot net = network.current();
            ArrayNode list = JSON.createArrayNode();
            for (ApiRootConfig r : config.apiRoots()) {
                for (CollectionConfig c : r.collections()) {
                    ObjectNode n = list.addObject();
                    n.put("api_root", r.name());
                    n.put("id", c.id());
                    n.put("alias", c.alias());
                    n.put("title", c.title());
                    n.put("initiative", c.initiative());
                    n.put("tlp", c.tlp().label());
                    n.put("public", c.isPublic());
                    n.put("reporting", c.reporting());
                    if (c.tlp() == Tlp.RED) {
                        ArrayNode red = n.putArray("red_accounts");
                        net.redAccounts(c.id()).forEach(red::add);
                    }
                }
            }
            return ok(JSON.createObjectNode().set("collections", list));
        });
    }

    @GET
    @Path("collections/{collection}/red-accounts")
    public Response redAccounts(@Context ContainerRequestContext request, @PathParam("collection") String collection) {
        return run(request, () -> ok(redJson(store.redCollection(collection))));
    }

    @PUT
    @Path("collections/{collection}/red-accounts")
    public Response putRedAccounts(@Context ContainerRequestContext request, @PathParam("collection") String collection,
                                   InputStream body) {
        return run(request, () -> {
            String id = store.redCollection(collection);
            JsonNode list = body(body).get("accounts");
            if (list == null || !list.isArray()) {
                throw badRequest("expected {\"accounts\": [\"name\", ...]}");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode n : list) {
                if (!n.isTextual()) {
                    throw badRequest("expected {\"accounts\": [\"name\", ...]}: names are strings");
                }
                if (n.textValue().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                    throw badRequest("account names must not contain control characters");
                }
                names.add(n.textValue());
            }
            store.setRedAccounts(id, names);
            network.refresh();
            return ok(redJson(id));
        });
    }

    @PUT
    @Path("collections/{collection}/red-accounts/{account}")
    public Response addRedAccount(@Context ContainerRequestContext request, @PathParam("collection") String collection,
                                  @PathParam("account") String account) {
        return run(request, () -> {
            String id = store.redCollection(collection);
            boolean added = store.addRedAccount(id, account);
            network.refresh();
            return saved(added, redJson(id));
        });
    }

    @DELETE
    @Path("collections/{collection}/red-accounts/{account}")
    public Response removeRedAccount(@Context ContainerRequestContext request,
                                     @PathParam("collection") String collection, @PathParam("account") String account) {
        return run(request, () -> {
            if (!store.removeRedAccount(store.redCollection(collection), account)) {
                throw new TaxiiException(404, "Not Found", "'" + account + "' is not named on this collection.");
            }
            network.refresh();
            return Response.noContent().build();
        });
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** Admin check, and the mapping of refusals to HTTP statuses (Accept and Content-Type: {@link JsonEndpoint}). */
    private Response run(ContainerRequestContext request, Supplier<Response> work) {
        authorizer.decide(authorizer.principal(request), Operation.ADMINISTER, Target.server())
                .require("administration API");
        try {
            Response r = work.get();
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                audit.record(AuditEvent.builder(AuditEvent.ADMIN_CHANGE).requester(authorizer.principal(request))
                        .detail(request.getMethod() + " /" + request.getUriInfo().getPath() + " -> " + r.getStatus())
                        .build());
            }
            return r;
        } catch (NetworkException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
            };
            throw new TaxiiException(status, status == 409 ? "Conflict" : status == 404 ? "Not Found" : "Bad Request",
                    e.getMessage());
        } catch (AccountException e) {
            boolean missing = e.getMessage().startsWith("no account");
            throw new TaxiiException(missing ? 404 : 400, missing ? "Not Found" : "Bad Request", e.getMessage());
        }
    }

    /**
     * A string field; null when absent or null; 400 for any other type (a number is no password)
     * and for control characters (PostgreSQL cannot store NUL; no name, title or password needs one).
     */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw badRequest("'" + field + "' must be a string");
        }
        if (v.textValue().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw badRequest("'" + field + "' must not contain control characters");
        }
        return v.textValue();
    }

    private static boolean flag(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw badRequest("'" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    private Initiative initiativeOrFail(String name) {
        Initiative i = network.current().initiatives().get(name);
        if (i == null) {
            throw notFound("initiative", name);
        }
        return i;
    }


    private ObjectNode redJson(String collectionId) {
        ObjectNode n = JSON.createObjectNode();
        n.put("collection", collectionId);
        ArrayNode list = n.putArray("accounts");
        network.current().redAccounts(collectionId).forEach(list::add);
        return n;
    }

    private static ObjectNode json(Organisation o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", o.name());
        n.put("title", o.title());
        n.put("role", o.role().name().toLowerCase(Locale.ROOT));
        n.put("identity", o.identity());
        return n;
    }

    private static ObjectNode json(Initiative i) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", i.name());
        n.put("title", i.title());
        n.put("organisation", i.organisation());
        ArrayNode members = n.putArray("members");
        i.members().forEach((org, clearance) -> members.addObject()
                .put("organisation", org).put("clearance", clearance.label()));
        return n;
    }

    private static ObjectNode json(Account a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", a.name());
        n.put("organisation", a.organisation());
        ArrayNode roles = n.putArray("roles");
        a.roles().stream().map(Role::label).sorted().forEach(roles::add);
        n.put("password", a.passwordHash() != null);
        ArrayNode grants = n.putArray("grants");
        for (Grant g : a.grants()) {
            grants.addObject().put("api_root", g.apiRoot()).put("collection", g.collection())
                    .put("read", g.read()).put("write", g.write());
        }
        return n;
    }

    private static Response ok(JsonNode body) {
        return Response.ok(write(body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response saved(boolean created, JsonNode body) {
        return Response.status(created ? 201 : 200).entity(write(body)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static byte[] write(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TaxiiException notFound(String what, String name) {
        return new TaxiiException(404, "Not Found", "No " + what + " '" + name + "'.");
    }

    /** The body as a JSON object; an empty body is an empty object (every field optional). */
    private static JsonNode body(InputStream in) {
        JsonNode n = JsonExchange.readObject(in, MAX_BODY, true, null);
        return n == null ? JSON.createObjectNode() : n;
    }
}

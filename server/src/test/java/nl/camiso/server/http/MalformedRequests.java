package nl.camiso.server.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.stix.StixJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed requests against every endpoint of the real server (sample network), from anonymous
 * and authenticated clients, over a raw socket so that nothing is cleaned up on the way: each
 * answer is a 4xx TAXII error resource (JSON with title and http_status, the TAXII media type),
 * names no class and has no stack trace; the server answers a valid request afterwards; and its
 * log has no stack trace and no error for any of them. The HTTP-level cases (bad request lines,
 * lengths, chunking, sizes) also need a 400 and a closed connection within a second.
 *
 * <p>{@link #databaseCasesOnly()} runs just the cases that reach the database with odd bytes
 * (NUL and other control characters in ids, filters, names, credentials): the PostgreSQL
 * variant, since PostgreSQL cannot store NUL at all.
 */
abstract class MalformedRequests {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String ID = "indicator--1fc45cf8-85aa-4cf0-9744-505a23c973cb";
    static final String STATUS = "0b9a6b47-9d5a-4a36-9a3e-2e0f3c6d7e11";
    /** Class names and stack traces have no place in an answer. */
    static final List<String> INTERNALS = List.of("Exception", "java.", "javax.", "jakarta.", "com.fasterxml",
            "org.glassfish", "org.hibernate", "org.postgresql", "org.h2", "nl.camiso", "\tat ", "Grizzly", "<html",
            "JsonNode", "SQL");

    static CamisoServer server;
    static ListAppender<ILoggingEvent> log;

    /** Only the cases where odd bytes could reach the database. */
    abstract boolean databaseCasesOnly();

    static void startWith(ServerOptions options) {
        server = CamisoServer.start(options);
        log = new ListAppender<>();
        log.start();
        root().addAppender(log);
    }

    @AfterAll
    static void stop() {
        if (log != null) {
            root().detachAppender(log);
        }
        if (server != null) {
            server.close();
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    // --- the cases ---------------------------------------------------------------------------------------

    /** A request to send and what the answer must be. */
    record Case(String name, List<byte[]> request, IntPredicate status, String statusText, boolean database, boolean mustClose) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One endpoint: method, path, and the account that may use it (for the authenticated variants). */
    record Endpoint(String method, String path, String user) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/taxii2/", "admin"),
            new Endpoint("GET", "/ndn/", "admin"),
            new Endpoint("GET", "/ndn/status/" + STATUS + "/", "admin"),
            new Endpoint("GET", "/ndn/collections/", "admin"),
            new Endpoint("GET", "/ndn/collections/isac-energie-amber/", "isac-energie-analyst"),
            new Endpoint("GET", "/ndn/collections/isac-energie-amber/manifest/", "isac-energie-analyst"),
            new Endpoint("GET", "/ndn/collections/isac-energie-amber/objects/", "isac-energie-analyst"),
            new Endpoint("POST", "/ndn/collections/isac-energie-amber/objects/", "isac-energie-analyst"),
            new Endpoint("GET", "/ndn/collections/isac-energie-amber/objects/" + ID + "/", "isac-energie-analyst"),
            new Endpoint("DELETE", "/ndn/collections/isac-energie-amber/objects/" + ID + "/", "isac-energie-analyst"),
            new Endpoint("GET", "/ndn/collections/isac-energie-amber/objects/" + ID + "/versions/", "isac-energie-analyst"),
            new Endpoint("GET", "/ndn/x-camiso/objects/" + ID + "/actions/", "isac-energie-analyst"),
            new Endpoint("POST", "/ndn/x-camiso/releases/", "dtc-analyst"),
            new Endpoint("PUT", "/ndn/x-camiso/consents/isac-energie-amber/", "isac-energie-analyst"),
            new Endpoint("DELETE", "/ndn/x-camiso/consents/isac-energie-amber/", "isac-energie-analyst"),
            new Endpoint("POST", "/ndn/x-camiso/sightings/forward/", "dtc-analyst"),
            new Endpoint("GET", "/x-camiso/audit/", "supervisor"),
            new Endpoint("POST", "/x-camiso/token/", "ncsc-analyst"),
            new Endpoint("GET", "/x-camiso/admin/organisations/", "admin"),
            new Endpoint("PUT", "/x-camiso/admin/organisations/ncsc/", "admin"),
            new Endpoint("GET", "/x-camiso/admin/initiatives/isac-energie/", "admin"),
            new Endpoint("PUT", "/x-camiso/admin/initiatives/isac-energie/members/ncsc/", "admin"),
            new Endpoint("GET", "/x-camiso/admin/accounts/", "admin"),
            new Endpoint("PUT", "/x-camiso/admin/accounts/ncsc-analyst/", "admin"),
            new Endpoint("GET", "/x-camiso/admin/collections/", "admin"),
            new Endpoint("PUT", "/x-camiso/admin/collections/ndn-red/red-accounts/", "admin"),
            new Endpoint("DELETE", "/x-camiso/admin/collections/ndn-red/red-accounts/dtc-analyst/", "admin"));

    /** The JSON-body endpoints, each with an account that passes the checks before the body is read. */
    static final List<Endpoint> BODY_ENDPOINTS = List.of(
            new Endpoint("POST", "/ndn/collections/isac-energie-amber/objects/", "isac-energie-analyst"),
            new Endpoint("POST", "/ndn/x-camiso/releases/", "dtc-analyst"),
            new Endpoint("PUT", "/ndn/x-camiso/consents/isac-energie-amber/", "isac-energie-analyst"),
            new Endpoint("POST", "/ndn/x-camiso/sightings/forward/", "dtc-analyst"),
            new Endpoint("PUT", "/x-camiso/admin/organisations/neworg/", "admin"),
            new Endpoint("PUT", "/x-camiso/admin/initiatives/isac-energie/members/ncsc/", "admin"),
            new Endpoint("PUT", "/x-camiso/admin/accounts/newaccount/", "admin"),
            new Endpoint("PUT", "/x-camiso/admin/collections/ndn-red/red-accounts/", "admin"));

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        IntPredicate is400 = s -> s == 400;
        IntPredicate any4xx = s -> s >= 400 && s < 500;
        for (Endpoint e : ENDPOINTS) {
            for (String user : new String[] {null, e.user()}) {
                String who = user == null ? "anonymous" : user;
                String label = e.method() + " " + e.path() + " as " + who + ": ";
                // malformed or control-character escapes in the query (limit, next, match[...], lang, ttl)
                for (String query : new String[] {"limit=%zz", "next=%", "match%5Btype%5D=indicator%G1",
                        "lang=%0A", "match[id]=indicator--%00", "organisation=%7F"}) {
                    all.add(new Case(label + "?" + query, one(request(e.method(), e.path() + "?" + query, user, Map.of(), null)),
                            is400, "400", query.contains("%00") || query.contains("%7F"), false));
                }
                // the same in a path segment, and raw bytes the request line may not hold
                all.add(new Case(label + "%zz in the path", one(request(e.method(), inject(e.path(), "%zz"), user, Map.of(), null)),
                        is400, "400", false, false));
                all.add(new Case(label + "%00 in the path", one(request(e.method(), inject(e.path(), "%00"), user, Map.of(), null)),
                        is400, "400", true, false));
                all.add(new Case(label + "'{' in the path", one(request(e.method(), inject(e.path(), "{x}"), user, Map.of(), null)),
                        is400, "400", false, true));
                all.add(new Case(label + "raw NUL in the path", one(request(e.method(), inject(e.path(), "\0"), user, Map.of(), null)),
                        is400, "400", true, true));
                all.add(new Case(label + "raw space in the path", one(request(e.method(), inject(e.path(), "a b"), user, Map.of(), null)),
                        is400, "400", false, true));
                // headers a client got wrong
                all.add(new Case(label + "unparsable Accept", one(request(e.method(), e.path(), user, Map.of("Accept", ",;,"), null)),
                        any4xx, "4xx", false, false));
                all.add(new Case(label + "Accept text/html", one(request(e.method(), e.path(), user, Map.of("Accept", "text/html"), null)),
                        any4xx, "4xx", false, false));
                all.add(new Case(label + "unparsable Content-Type", one(request(e.method(), e.path(), user,
                        Map.of("Content-Type", "application/taxii+json; version"), "{}".getBytes(StandardCharsets.UTF_8))),
                        any4xx, "4xx", false, false));
            }
            String label = e.method() + " " + e.path() + ": ";
            // credentials nobody has: malformed, a NUL or control character in the user name
            for (Map.Entry<String, String> auth : Map.of(
                    "Basic not base64", "Basic !!!",
                    "Basic with NUL in the user", "Basic " + b64("adm\0in:camiso-demo"),

                    "Basic with a control character", "Basic " + b64("admin\u0001:camiso-demo"),
                    "Bearer garbage", "Bearer a.b.c",
                    "unknown scheme", "Negotiate abc",
                    "Basic with a 3000-character user name", "Basic " + b64("u".repeat(3000) + ":camiso-demo")).entrySet()) {
                all.add(new Case(label + auth.getKey(), one(request(e.method(), e.path(), null,
                        Map.of("Authorization", auth.getValue()), null)), s -> s == 401, "401",
                        auth.getKey().contains("NUL") || auth.getKey().contains("control"), false));
            }
        }
        // methods no endpoint has
        for (Endpoint e : ENDPOINTS) {
            for (String method : new String[] {"TRACE", "FOO"}) {
                all.add(new Case(method + " " + e.path() + " as " + e.user(),
                        one(request(method, e.path(), e.user(), Map.of(), null)), any4xx, "4xx", false, false));
            }
        }
        all.add(new Case("an unknown method with a body", one(request("FOO", "/taxii2/", "admin", Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8))), any4xx, "4xx", false, false));
        // TAXII filters and ids that are not what they should be
        for (String path : new String[] {"/ndn/collections/isac-energie-amber/objects/", "/ndn/collections/isac-energie-amber/manifest/",
                "/ndn/collections/isac-energie-amber/objects/" + ID + "/", "/ndn/collections/isac-energie-amber/objects/" + ID + "/versions/"}) {
            List<String> queries = new ArrayList<>(List.of("limit=-1", "limit=0", "limit=abc", "limit=1.5", "next=garbage",
                    "added_after=yesterday", "added_after=2026-13-45T99:00:00Z", "match[spec_version]=2.1,,2.0",
                    "limit=1&limit=2", "next=" + "A".repeat(3000)));
            if (!path.endsWith("/versions/")) { // the versions endpoint has no match[version]: ignored there
                queries.addAll(List.of("match[version]=sometime", "match[version]=all,last"));
            }
            for (String query : queries) {
                all.add(new Case("GET " + path + "?" + query, one(request("GET", path + "?" + query, "isac-energie-analyst",
                        Map.of("Accept", TAXII), null)), is400, "400", false, false));
            }
        }
        for (String id : new String[] {"indicator--" + "a".repeat(3000), "not-an-id", "indicator--1fc45cf8-85aa-4cf0-9744-505a23c973cb%20"}) {
            for (String suffix : new String[] {"/", "/versions/"}) {
                String path = "/ndn/collections/isac-energie-amber/objects/" + id + suffix;
                all.add(new Case("GET " + path.substring(0, Math.min(90, path.length())), one(request("GET", path,
                        "isac-energie-analyst", Map.of("Accept", TAXII), null)), any4xx, "4xx", true, false));
            }
            all.add(new Case("actions of " + id.substring(0, Math.min(40, id.length())), one(request("GET",
                    "/ndn/x-camiso/objects/" + id + "/actions/", "isac-energie-analyst", Map.of(), null)), any4xx, "4xx", true, false));
        }
        for (Endpoint e : BODY_ENDPOINTS) {
            String label = e.method() + " " + e.path() + " as " + e.user() + ": ";
            String type = e.path().contains("/collections/") && !e.path().contains("/admin/") ? TAXII : "application/json";
            Map<String, byte[]> bodies = new LinkedHashMap<>();
            bodies.put("not JSON", "{\"a\":".getBytes(StandardCharsets.UTF_8));
            bodies.put("two JSON documents", "{}{}".getBytes(StandardCharsets.UTF_8));
            bodies.put("an array", "[]".getBytes(StandardCharsets.UTF_8));
            bodies.put("null", "null".getBytes(StandardCharsets.UTF_8));
            bodies.put("nesting 5000 deep", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));
            bodies.put("a 5000-digit number", ("{\"a\":" + "9".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
            bodies.put("a duplicate key", "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8));
            bodies.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            bodies.put("empty", new byte[0]);
            bodies.put("NUL in every string", ("{\"title\":\"a\\u0000\",\"password\":\"a\\u0000aaaaaaaa\",\"intermediary\":\"d\\u0000tc\","
                    + "\"organisation\":\"nc\\u0000sc\",\"clearance\":\"AM\\u0000BER\",\"accounts\":[\"a\\u0000\"],"
                    + "\"from_collection\":\"\\u0000\",\"objects\":\"\\u0000\",\"source_collection\":\"\\u0000\"}")
                    .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> b : bodies.entrySet()) {
                for (String user : new String[] {null, e.user()}) {
                    all.add(new Case(label.replace(e.user(), user == null ? "anonymous" : user) + b.getKey(),
                            one(request(e.method(), e.path(), user, Map.of("Content-Type", type), b.getValue())),
                            any4xx, "4xx", b.getKey().contains("NUL"), false));
                }
            }
            all.add(new Case(label + "Content-Type text/plain", one(request(e.method(), e.path(), e.user(),
                    Map.of("Content-Type", "text/plain"), "{}".getBytes(StandardCharsets.UTF_8))), s -> s == 415, "415", false, false));
            if (!e.path().contains("/collections/isac")) {
                byte[] big = ("{\"title\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
                all.add(new Case(label + "a body over the cap", one(request(e.method(), e.path(), e.user(),
                        Map.of("Content-Type", type), big)), s -> s == 413, "413", false, false));
            }
        }
        // the findings one by one
        String objects = "/ndn/collections/isac-energie-amber/objects/";
        all.add(new Case("{\"objects\":null} is 422", one(request("POST", objects, "isac-energie-analyst",
                Map.of("Content-Type", TAXII), "{\"objects\":null}".getBytes(StandardCharsets.UTF_8))), s -> s == 422, "422", false, false));
        all.add(new Case("admin: numeric password", one(request("PUT", "/x-camiso/admin/accounts/numeric/", "admin",
                Map.of("Content-Type", "application/json"), "{\"password\":12345678901}".getBytes(StandardCharsets.UTF_8))),
                is400, "400", false, false));
        all.add(new Case("admin: numeric title", one(request("PUT", "/x-camiso/admin/organisations/numeric/", "admin",
                Map.of("Content-Type", "application/json"), "{\"title\":5,\"role\":\"member\"}".getBytes(StandardCharsets.UTF_8))),
                is400, "400", false, false));
        all.add(new Case("admin: NUL in an organisation's title", one(request("PUT", "/x-camiso/admin/organisations/nul/", "admin",
                Map.of("Content-Type", "application/json"), "{\"title\":\"a\\u0000b\",\"role\":\"member\"}".getBytes(StandardCharsets.UTF_8))),
                is400, "400", true, false));
        all.add(new Case("admin: NUL in a password", one(request("PUT", "/x-camiso/admin/accounts/nul-password/", "admin",
                Map.of("Content-Type", "application/json"), "{\"password\":\"long-enough\\u0000\"}".getBytes(StandardCharsets.UTF_8))),
                is400, "400", true, false));
        all.add(new Case("admin: token_only not a boolean", one(request("PUT", "/x-camiso/admin/accounts/flag/", "admin",
                Map.of("Content-Type", "application/json"), "{\"token_only\":\"yes\"}".getBytes(StandardCharsets.UTF_8))),
                is400, "400", false, false));
        all.add(new Case("admin: a role that is a number", one(request("PUT", "/x-camiso/admin/accounts/ncsc-analyst/", "admin",
                Map.of("Content-Type", "application/json"), "{\"roles\":[1]}".getBytes(StandardCharsets.UTF_8))),
                is400, "400", false, false));
        all.add(new Case("Basic with NUL in the password", one(request("GET", "/taxii2/", null,
                Map.of("Authorization", "Basic " + b64("admin:camiso\0demo")), null)), s -> s == 401, "401", true, false));
        all.add(new Case("Basic with a 3000-character password", one(request("GET", "/taxii2/", null,
                Map.of("Authorization", "Basic " + b64("admin:" + "p".repeat(3000))), null)), s -> s == 401, "401", false, false));
        all.add(new Case("match[type] with NUL", one(request("GET", "/ndn/collections/isac-energie-amber/objects/?match[type]=ind%00icator",
                "isac-energie-analyst", Map.of(), null)), is400, "400", true, false));
        all.add(new Case("status id with NUL", one(request("GET", "/ndn/status/%00/", "admin", Map.of(), null)),
                is400, "400", true, false));
        return all;
    }

    /** HTTP-level cases: a 400 (or the status named) and the connection closed within a second. */
    static List<Case> rawCases() {
        List<Case> all = new ArrayList<>();
        String auth = "Authorization: Basic " + b64("admin:camiso-demo") + "\r\n";
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("GARBAGE", "GARBAGE\r\n\r\n");
        raw.put("HTTP/9.9", "GET /taxii2/ HTTP/9.9\r\nHost: x\r\n\r\n");
        raw.put("HTTP/2.0 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        raw.put("space in the path", "GET /taxii2/ a/ HTTP/1.1\r\nHost: x\r\n\r\n");
        raw.put("lower-case http/1.1", "GET /taxii2/ http/1.1\r\nHost: x\r\n\r\n");
        raw.put("no HTTP version", "GET /taxii2/\r\nHost: x\r\n\r\n");
        raw.put("only a method", "GET\r\n\r\n");
        raw.put("an empty line first", "\r\nGET /taxii2/ HTTP/1.1\r\nHost: x\r\n\r\n");
        raw.put("tab in the request line", "GET\t/taxii2/ HTTP/1.1\r\nHost: x\r\n\r\n");
        raw.put("a target that is no path", "GET taxii2 HTTP/1.1\r\nHost: x\r\n\r\n");
        raw.put("last header line without a colon", "GET /taxii2/ HTTP/1.1\r\nHost: x\r\nX-Broken\r\n\r\n");
        raw.put("space before the colon", "GET /taxii2/ HTTP/1.1\r\nHost : x\r\n\r\n");
        raw.put("folded header", "GET /taxii2/ HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n");
        raw.put("NUL in a header value", "GET /taxii2/ HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n");
        raw.put("bare CR in a header value", "GET /taxii2/ HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n");
        raw.put("NUL in the user name of Basic, raw", "GET /taxii2/ HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ad\0min\r\n\r\n");
        raw.put("no Host", "GET /taxii2/ HTTP/1.1\r\n\r\n");
        raw.put("two Hosts", "GET /taxii2/ HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n");
        raw.put("CONNECT", "CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n");
        raw.put("CONNECT with a path", "CONNECT /taxii2/ HTTP/1.1\r\nHost: x\r\n\r\n");
        String post = "POST /ndn/collections/isac-energie-amber/objects/ HTTP/1.1\r\nHost: x\r\n" + auth
                + "Content-Type: " + TAXII + "\r\n";
        raw.put("two Content-Lengths", post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
        raw.put("two different Content-Lengths", post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} ");
        raw.put("Content-Length not a number", post + "Content-Length: abc\r\n\r\n{}");
        raw.put("negative Content-Length", post + "Content-Length: -1\r\n\r\n{}");
        raw.put("Content-Length beyond a long", post + "Content-Length: 99999999999999999999999\r\n\r\n{}");
        raw.put("Content-Length and Transfer-Encoding", post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        raw.put("Transfer-Encoding gzip", post + "Transfer-Encoding: gzip\r\n\r\n{}");
        raw.put("chunk size not hex", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        raw.put("chunk size overflowing", post + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n");
        raw.put("negative chunk size", post + "Transfer-Encoding: chunked\r\n\r\n-2\r\n{}\r\n0\r\n\r\n");
        raw.put("GET with a broken chunked body", "GET /taxii2/ HTTP/1.1\r\nHost: x\r\n" + auth
                + "Transfer-Encoding: chunked\r\n\r\nqq\r\n\r\n");
        for (Map.Entry<String, String> r : raw.entrySet()) {
            IntPredicate expected = r.getKey().startsWith("CONNECT") ? s -> s == 405 || s == 400 : s -> s == 400;
            all.add(new Case(r.getKey(), one(r.getValue().getBytes(StandardCharsets.ISO_8859_1)), expected, "400",
                    r.getKey().contains("NUL"), true));
        }
        all.add(new Case("a header over 8 KB", one(("GET /taxii2/ HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)), s -> s == 431, "431", false, true));
        all.add(new Case("200 headers", one(("GET /taxii2/ HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(200) + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)), s -> s == 400 || s == 431, "400/431", false, true));
        all.add(new Case("a URL over 8 KB", one(("GET /taxii2/?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)), s -> s == 414, "414", false, true));
        all.add(new Case("garbage arriving in pieces", List.of("GAR".getBytes(StandardCharsets.ISO_8859_1),
                "BAGE\r".getBytes(StandardCharsets.ISO_8859_1), "\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                s -> s == 400, "400", false, true));
        all.add(new Case("a header line without colon arriving in pieces", List.of(
                "GET /taxii2/ HTTP/1.1\r\nHo".getBytes(StandardCharsets.ISO_8859_1),
                "st: x\r\nX-Bro".getBytes(StandardCharsets.ISO_8859_1), "ken\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                s -> s == 400, "400", false, true));
        return all;
    }

    // --- running them ------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> malformedRequestsGetACleanError() {
        List<Case> cases = cases().stream().filter(c -> !databaseCasesOnly() || c.database()).toList();
        if (!databaseCasesOnly()) {
            assertTrue(cases.size() >= 300, "at least 300 cases, got " + cases.size());
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> unparsableRequestsGet400AndAClosedConnection() {
        return rawCases().stream().filter(c -> !databaseCasesOnly() || c.database())
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    static void check(Case c) throws IOException {
        long t0 = System.nanoTime();
        RawHttpClient.Answer a = RawHttpClient.exchange(server.port(), c.request(), 5_000, 1_000);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        String body = a.text();
        assertTrue(c.status().test(a.status()), c.name() + ": expected " + c.statusText() + ", got " + a.status() + " " + body);
        assertTrue(a.header("Content-Type") != null && a.header("Content-Type").startsWith("application/taxii+json"),
                c.name() + ": Content-Type " + a.header("Content-Type"));
        JsonNode error = StixJson.parse(a.body());
        assertTrue(error.isObject() && error.path("title").isTextual(), c.name() + ": not an error resource: " + body);
        assertEquals(Integer.toString(a.status()), error.path("http_status").asText(), c.name());
        for (String internal : INTERNALS) {
            assertFalse(body.contains(internal), c.name() + ": the answer names '" + internal + "': " + body);
        }
        if (c.mustClose()) {
            assertTrue(a.closedAfterMillis() >= 0, c.name() + ": the connection stayed open");
            assertTrue(millis < 1_500, c.name() + ": took " + millis + " ms");
        }
    }

    @Test
    void theServerAnswersValidRequestsAfterwardsAndLoggedNoStackTrace() throws Exception {
        // in this class's own order: after the malformed cases when run last, but checked either way
        for (Case c : cases().stream().filter(c -> !databaseCasesOnly() || c.database()).limit(40).toList()) {
            check(c);
        }
        RawHttpClient.Answer ok = RawHttpClient.exchange(server.port(), request("GET", "/taxii2/", "admin", Map.of(), null));
        assertEquals(200, ok.status(), ok.text());
        RawHttpClient.Answer objects = RawHttpClient.exchange(server.port(),
                request("GET", "/ndn/collections/isac-energie-amber/objects/?match[id]=" + ID, "isac-energie-analyst", Map.of(), null));
        assertEquals(200, objects.status(), objects.text());
        assertTrue(objects.text().contains(ID));
        assertQuietLog();
    }

    /** Nothing a client did wrong shows up as an error or a stack trace in the log. */
    static void assertQuietLog() {
        List<String> noisy = log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null)
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
                .collect(Collectors.toList());
        assertTrue(noisy.isEmpty(), "client mistakes were logged as problems: " + noisy);
    }

    @Test
    void pipelinedGarbageAfterAValidRequestIsAnsweredAndClosed() throws Exception {
        byte[] valid = request("GET", "/taxii2/", "admin", Map.of(), null, false);
        byte[] garbage = "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(3_000);
            s.getOutputStream().write(valid);
            RawHttpClient.Answer first = RawHttpClient.readResponse(s.getInputStream());
            assertEquals(200, first.status(), first.text());
            s.getOutputStream().write(garbage);
            RawHttpClient.Answer second = RawHttpClient.readResponse(s.getInputStream());
            assertEquals(400, second.status(), second.text());
            assertEquals(-1, s.getInputStream().read(), "closed after the 400");
        }
    }

    @Test
    void theFindingsThemselves() throws Exception {
        if (databaseCasesOnly()) {
            return;
        }
        String objects = "/ndn/collections/isac-energie-amber/objects/";
        // a number no STIX integer can be: the object fails validation, the request does not fail
        String huge = "{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
                + "\"created\":\"2016-04-06T20:03:48.000Z\",\"modified\":\"2016-04-06T20:03:48.000Z\",\"pattern\":\"[file:size = 1]\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"2016-01-01T00:00:00Z\",\"x_size\":1e999999999}]}";
        RawHttpClient.Answer a = RawHttpClient.exchange(server.port(), request("POST", objects, "isac-energie-analyst",
                Map.of("Content-Type", TAXII), huge.getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, a.status(), a.text());
        JsonNode status = StixJson.parse(a.body());
        assertEquals(1, status.path("failure_count").asInt(), a.text());
        assertTrue(status.path("failures").get(0).path("message").asText().contains("outside the STIX integer range"), a.text());
        // two documents: a 400 in plain words
        RawHttpClient.Answer two = RawHttpClient.exchange(server.port(), request("POST", objects, "isac-energie-analyst",
                Map.of("Content-Type", TAXII), "{\"objects\":[]}{\"objects\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, two.status());
        assertTrue(two.text().contains("more than one JSON value"), two.text());
        // a 500 carries the id of its log line; here: none happened, so the log is quiet
        assertQuietLog();
    }

    /** curl --http2 and Java's HttpClient ask for h2c, WebSocket clients for websocket: served as HTTP/1.1, body read. */
    @Test
    void anUpgradeRequestWithABodyIsServedAsHttp11() throws Exception {
        if (databaseCasesOnly()) {
            return;
        }
        String objects = "/ndn/collections/isac-energie-amber/objects/";
        for (Map<String, String> upgrade : List.of(
                Map.of("Connection", "Upgrade, HTTP2-Settings", "Upgrade", "h2c", "HTTP2-Settings", "AAMAAABkAAQCAAAAAAIAAAAA"),
                Map.of("Connection", "Upgrade", "Upgrade", "websocket"))) {
            Map<String, String> headers = new java.util.HashMap<>(upgrade);
            headers.put("Content-Type", TAXII);
            headers.put("Accept", TAXII);
            RawHttpClient.Answer a = RawHttpClient.exchange(server.port(), request("POST", objects, "isac-energie-analyst",
                    headers, "{\"objects\":[]}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(202, a.status(), upgrade + ": " + a.text());
            assertEquals(0, StixJson.parse(a.body()).path("total_count").asInt(), a.text());
        }
        assertQuietLog();
    }

    /** A NUL escaped inside a JSON string is data: stored and served back as sent, on either database. */
    @Test
    void aNulInsideAJsonStringIsDataNotAnError() throws Exception {
        String id = "indicator--5c1e1c4e-0b4f-4f5e-9a43-0e5c0b1f0a00";
        String object = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-11-24T14:05:00.000Z\",\"modified\":\"2026-11-24T14:05:00.000Z\",\"pattern\":\"[file:size = 1]\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"2026-11-24T14:05:00Z\",\"name\":\"a\\u0000b\","
                + "\"object_marking_refs\":[\"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421\"]}";
        String objects = "/ndn/collections/isac-energie-amber/objects/";
        RawHttpClient.Answer posted = RawHttpClient.exchange(server.port(), request("POST", objects, "isac-energie-analyst",
                Map.of("Content-Type", TAXII), ("{\"objects\":[" + object + "]}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, posted.status(), posted.text());
        assertEquals(1, StixJson.parse(posted.body()).path("success_count").asInt(), posted.text());
        RawHttpClient.Answer read = RawHttpClient.exchange(server.port(), request("GET", objects + id + "/", "isac-energie-analyst",
                Map.of("Accept", TAXII), null));
        assertEquals(200, read.status(), read.text());
        assertEquals("a\u0000b", StixJson.parse(read.body()).path("objects").get(0).path("name").asText());
        assertQuietLog();
    }

    // --- request building -----------------------------------------------------------------------------------

    static List<byte[]> one(byte[] request) {
        return List.of(request);
    }

    static byte[] request(String method, String target, String user, Map<String, String> headers, byte[] body) {
        return request(method, target, user, headers, body, true);
    }

    static byte[] request(String method, String target, String user, Map<String, String> headers, byte[] body, boolean close) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        if (user != null) {
            head.append("Authorization: Basic ").append(b64(user + ":camiso-demo")).append("\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** The path with {@code text} put into its last segment. */
    static String inject(String path, String text) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        String segment = trimmed.substring(slash + 1);
        int middle = segment.length() / 2;
        return trimmed.substring(0, slash + 1) + segment.substring(0, middle) + text + segment.substring(middle) + "/";
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}

package nl.camiso.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Imports into a running server over TAXII 2.1: POST envelopes to the collection's objects
 * endpoint, read the status resources. Finds the collection by id or alias in the API roots the
 * discovery resource lists (or in {@code --api-root}).
 */
final class HttpTarget implements ImportTarget {

    static final String TAXII = "application/taxii+json;version=2.1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on plain http: the server speaks HTTP/1.1
            .build();
    private final String authorization;
    private final URI rootUri;
    private final String rootName;
    private final String collectionId;
    private final String collectionLabel;
    private final long maxContentLength;

    /** @param authorization the Authorization header value, or null for none */
    HttpTarget(URI base, String authorization, String apiRoot, String collection) {
        this.authorization = authorization;
        URI server = base.getPath() == null || base.getPath().endsWith("/") ? base : URI.create(base + "/");
        List<URI> roots = new ArrayList<>();
        if (apiRoot != null) {
            roots.add(server.resolve(URLEncoder.encode(apiRoot, StandardCharsets.UTF_8) + "/"));
        } else {
            JsonNode discovery = get(server.resolve("taxii2/"), "the discovery resource");
            for (JsonNode r : discovery.path("api_roots")) {
                String u = r.asText();
                roots.add(server.resolve(u.endsWith("/") ? u : u + "/"));
            }
        }
        URI foundRoot = null;
        JsonNode found = null;
        for (URI r : roots) {
            for (JsonNode c : get(r.resolve("collections/"), "the collections of " + r).path("collections")) {
                if (collection.equals(c.path("id").asText()) || collection.equals(c.path("alias").asText(null))) {
                    if (found != null) {
                        throw new ImportException("collection '" + collection
                                + "' is in several API roots; say which with --api-root");
                    }
                    found = c;
                    foundRoot = r;
                }
            }
        }
        if (found == null) {
            throw new ImportException("no collection '" + collection + "' (id or alias) that this account can see at "
                    + (apiRoot == null ? server : roots.get(0)));
        }
        this.rootUri = foundRoot;
        String path = foundRoot.getPath();
        this.rootName = path.substring(path.lastIndexOf('/', path.length() - 2) + 1, path.length() - 1);
        this.collectionId = found.path("id").asText();
        this.collectionLabel = found.hasNonNull("alias") ? found.path("alias").asText() : collectionId;
        if (!found.path("can_write").asBoolean(false)) {
            throw new ImportException("this account may not add objects to collection " + rootName + "/" + collectionLabel);
        }
        if (!found.path("can_read").asBoolean(false)) {
            System.err.println("camiso import: warning: this account may not read collection " + rootName + "/"
                    + collectionLabel + ": marking definitions and objects already stored there do not count for the"
                    + " server's rules, so objects that rely on them are refused");
        }
        this.maxContentLength = get(foundRoot, "the API root").path("max_content_length").asLong(10L * 1024 * 1024);
    }

    /** Basic credentials, as the header value. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return rootName + "/" + collectionLabel + " (" + rootUri + ")";
    }

    @Override
    public long maxContentLength() {
        return maxContentLength;
    }

    @Override
    public StatusRecord post(byte[] envelope) throws IOException {
        URI objects = rootUri.resolve("collections/" + collectionId + "/objects/");
        HttpResponse<byte[]> r = send(request(objects).header("Content-Type", TAXII)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(), "POST " + objects);
        if (r.statusCode() == 202) {
            return status(parse(r.body(), objects));
        }
        String why = errorText(r);
        if (r.statusCode() == 400 || r.statusCode() == 413 || r.statusCode() == 422) {
            throw new EnvelopeRefused(why);
        }
        throw new ImportException("the server answered POST " + objects + " with " + why);
    }

    @Override
    public Optional<StatusRecord> status(String statusId) throws IOException {
        URI uri = rootUri.resolve("status/" + URLEncoder.encode(statusId, StandardCharsets.UTF_8) + "/");
        HttpResponse<byte[]> r = send(request(uri).GET().build(), "GET " + uri);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new ImportException("the server answered GET " + uri + " with " + errorText(r));
        }
        return Optional.of(status(parse(r.body(), uri)));
    }

    private StatusRecord status(JsonNode s) {
        return new StatusRecord(s.path("id").asText(), rootName, collectionId, null, s.path("status").asText(),
                0, s.path("total_count").asInt(), details(s.path("successes")), details(s.path("failures")),
                details(s.path("pendings")));
    }

    private static List<StatusDetail> details(JsonNode list) {
        List<StatusDetail> out = new ArrayList<>();
        for (JsonNode d : list) {
            out.add(new StatusDetail(d.path("id").asText(), d.path("version").asText(), d.path("message").asText(null)));
        }
        return out;
    }

    private JsonNode get(URI uri, String what) {
        try {
            HttpResponse<byte[]> r = send(request(uri).GET().build(), "GET " + uri);
            if (r.statusCode() != 200) {
                throw new ImportException("cannot read " + what + " (" + uri + "): " + errorText(r));
            }
            return parse(r.body(), uri);
        } catch (IOException e) {
            throw new ImportException("cannot read " + what + " (" + uri + "): " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).header("Accept", TAXII);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) throws IOException {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 401) {
                throw new ImportException("the server refused the credentials (401) for " + what);
            }
            return r;
        } catch (ConnectException e) {
            throw new ImportException("cannot connect to " + request.uri().getHost() + ":" + request.uri().getPort()
                    + " (is the server running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(byte[] body, URI from) throws IOException {
        try {
            return StixJson.parse(body);
        } catch (IOException e) {
            throw new IOException("the answer of " + from + " is not JSON");
        }
    }

    /** "422 Unprocessable Entity: description" from a TAXII error body, else the status code. */
    private static String errorText(HttpResponse<byte[]> r) {
        try {
            JsonNode e = StixJson.parse(r.body());
            String title = e.path("title").asText("");
            String description = e.path("description").asText("");
            return r.statusCode() + (title.isEmpty() ? "" : " " + title) + (description.isEmpty() ? "" : ": " + description);
        } catch (IOException | RuntimeException ex) {
            return String.valueOf(r.statusCode());
        }
    }

    @Override
    public void close() {
        // HttpClient has no close before Java 21; its threads end with the process
    }
}

package nl.camiso.conformance.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A minimal TAXII 2.1 client over the JDK's HttpClient: just what the load benchmark needs. */
final class TaxiiHttp {

    static final String TAXII = "application/taxii+json;version=2.1";

    private final HttpClient client;
    private final String base;
    private final String authorization;

    TaxiiHttp(String baseUrl, String user, String password) {
        this.base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", TAXII)
                .GET();
        return send(b);
    }

    HttpResponse<byte[]> post(String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", TAXII)
                .header("Content-Type", TAXII)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 400) {
            throw new IOException("HTTP " + r.statusCode() + " for " + r.uri() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }
}

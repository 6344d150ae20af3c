package nl.camiso.conformance.bench;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Our own server started in-process for the benchmark: a fresh H2 database (or the given JDBC URL)
 * in a temporary directory, one API root {@code bench} with one empty collection.
 */
final class EmbeddedTarget implements AutoCloseable {

    private static final String USER = "bench";
    private static final String PASSWORD = "camiso-demo";

    private final Path dir;
    private final CamisoServer server;
    private final String collection;

    private EmbeddedTarget(Path dir, CamisoServer server, String collection) {
        this.dir = dir;
        this.server = server;
        this.collection = collection;
    }

    static EmbeddedTarget start(String jdbcUrl) throws IOException {
        Path dir = Files.createTempDirectory("camiso-bench");
        String collection = UUID.randomUUID().toString();
        Path config = dir.resolve("bench.yaml");
        Files.writeString(config, """
                server:
                  title: "CAMISO benchmark"
                  demo: true
                  max_page_size: 10000
                api_roots:
                  - name: bench
                    title: "Benchmark"
                    max_content_length: 104857600
                    collections:
                      - id: %s
                        alias: bench
                        title: "Benchmark collection"
                        initiative: bench
                        tlp: CLEAR
                accounts:
                  - name: %s
                    password: %s
                    grants:
                      - collection: "*"
                        api_root: bench
                        read: true
                        write: true
                """.formatted(collection, USER, PASSWORD));
        ServerOptions options = new ServerOptions(config, "127.0.0.1", 0, dir.resolve("data"),
                jdbcUrl, null, null, null, null, false);
        return new EmbeddedTarget(dir, CamisoServer.start(options), collection);
    }

    String url() {
        return server.baseUri().toString();
    }

    String user() {
        return USER;
    }

    String password() {
        return PASSWORD;
    }

    String apiRoot() {
        return "bench";
    }

    String collection() {
        return collection;
    }

    /**
     * The limit: the same rows inserted with plain JDBC batches into the same schema and read back
     * in keyset order, on a separate database in the same directory.
     */
    void baseline(int objects, Map<String, String> results) {
        results.put("plain JDBC baseline", "not available yet");
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

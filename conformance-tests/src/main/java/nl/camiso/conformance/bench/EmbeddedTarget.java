package nl.camiso.conformance.bench;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Our own server started in-process for the benchmark: a fresh H2 database (or the given JDBC URL)
 * in a temporary directory, one API root {@code bench} with an empty collection to measure and one
 * to warm the JIT up on.
 */
final class EmbeddedTarget implements AutoCloseable {

    private static final String USER = "bench";
    private static final String PASSWORD = "camiso-demo";

    private final Path dir;
    private final String jdbcUrl;
    private final CamisoServer server;
    private final String collection;
    private final String warmupCollection;

    private EmbeddedTarget(Path dir, String jdbcUrl, CamisoServer server, String collection, String warmupCollection) {
        this.dir = dir;
        this.jdbcUrl = jdbcUrl;
        this.server = server;
        this.collection = collection;
        this.warmupCollection = warmupCollection;
    }

    static EmbeddedTarget start(String jdbcUrl) throws IOException {
        Path dir = Files.createTempDirectory("camiso-bench");
        String collection = UUID.randomUUID().toString();
        String warmup = UUID.randomUUID().toString();
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
                      - id: %s
                        alias: bench-warmup
                        title: "Warm-up collection (the JIT compiles on it before the measured run)"
                        initiative: bench
                        tlp: CLEAR
                """.formatted(collection, warmup) + BenchData.hubWithAccount(USER, PASSWORD, true));
        ServerOptions options = new ServerOptions(config, "127.0.0.1", 0, dir.resolve("data"),
                jdbcUrl, null, null, null, null, false);
        return new EmbeddedTarget(dir, jdbcUrl, CamisoServer.start(options), collection, warmup);
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

    String warmupCollection() {
        return warmupCollection;
    }

    /**
     * The limit: the same rows inserted with plain JDBC batches into the same schema and read back
     * in keyset order, on a separate database in the same directory.
     */
    void baseline(int objects, Map<String, String> results) {
        DatabaseSettings settings = jdbcUrl == null ? DatabaseSettings.h2(dir.resolve("baseline"))
                : new DatabaseSettings(jdbcUrl, null, null);
        try (Database db = Database.open(settings, List.of());
             Connection c = db.dataSource().getConnection()) {
            int key = PlainJdbcBaseline.createCollection(c, UUID.randomUUID().toString());
            String now = java.time.Instant.now().toString();
            long micros = System.currentTimeMillis() * 1000;
            long last = 0;
            long t0 = System.nanoTime();
            int inserted = 0;
            while (inserted < objects) {
                List<PlainJdbcBaseline.Row> rows = new ArrayList<>(1000);
                for (int i = 0; i < 1000 && inserted + i < objects; i++) {
                    rows.add(PlainJdbcBaseline.indicatorRow(now, micros));
                }
                last = PlainJdbcBaseline.insertBatch(c, key, last, rows);
                inserted += rows.size();
            }
            double insertSeconds = (System.nanoTime() - t0) / 1e9;
            if (settings.isPostgres()) {
                // fresh planner statistics, as the server keeps them (PlannerStatistics): without them
                // PostgreSQL sorts the whole collection for every page
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("ANALYZE stix_object");
                }
                c.commit();
            }
            long t1 = System.nanoTime();
            long read = PlainJdbcBaseline.readAll(c, key, 1000);
            double readSeconds = (System.nanoTime() - t1) / 1e9;
            results.put("limit: plain JDBC batch insert, same schema (rows/s)", LoadBenchmark.rate(inserted, insertSeconds));
            results.put("limit: plain JDBC keyset read, same schema (rows/s)", LoadBenchmark.rate(read, readSeconds));
        } catch (SQLException e) {
            results.put("limit: plain JDBC", "failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

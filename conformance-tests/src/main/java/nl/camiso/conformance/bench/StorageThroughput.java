package nl.camiso.conformance.bench;

import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Storage throughput below the HTTP layer:
 * <pre>
 * bench/storage-throughput [--rows N] [--jdbc-url URL]
 * </pre>
 * Inserts small indicators through {@link ObjectStore#add} in envelopes of 500 (JSON parsing is done
 * beforehand and not timed: it is the protocol layer's cost), reports objects/s per 10 % of the
 * load, pages the collection, times match[id] lookups, then does the same with
 * {@link PlainJdbcBaseline} into another collection of the same table. Without {@code --jdbc-url}
 * it runs on a fresh embedded H2 database in a temporary directory.
 */
public final class StorageThroughput {

    static final int ENVELOPE = 500;
    static final int PAGE = 1000;

    private StorageThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 200_000;
        String jdbcUrl = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--jdbc-url" -> jdbcUrl = args[++i];
                default -> {
                    System.err.println("storage-throughput: unexpected argument '" + args[i] + "'; usage: [--rows N] [--jdbc-url URL]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("camiso-storage-bench");
        try {
            run(rows, jdbcUrl == null ? DatabaseSettings.h2(dir) : new DatabaseSettings(jdbcUrl, null, null));
        } finally {
            deleteTree(dir);
        }
    }

    private static void run(int rows, DatabaseSettings settings) throws Exception {
        try (Database db = Database.open(settings, List.of())) {
            System.out.printf("%n== storage throughput, %s, %,d rows, envelopes of %d ==%n", settings.isPostgres() ? "PostgreSQL" : "H2", rows, ENVELOPE);
            ObjectStore store = db.objectStore();
            String collection = UUID.randomUUID().toString();
            String ts = "2024-05-01T10:00:00.000Z";
            List<String> ids = new ArrayList<>(rows);
            timedInserts("add", rows, () -> {
                List<IncomingObject> batch = new ArrayList<>(ENVELOPE);
                for (int i = 0; i < ENVELOPE; i++) {
                    String id = "indicator--" + UUID.randomUUID();
                    ids.add(id);
                    String json = PlainJdbcBaseline.indicatorJson(id, ts);
                    batch.add(new IncomingObject(StixObject.of(StixJson.parse(json)), json.getBytes(StandardCharsets.UTF_8)));
                }
                return () -> store.add("bench", collection, "bench", System.currentTimeMillis() * 1000, batch.size(), batch, List.of());
            });

            long t0 = System.nanoTime();
            long read = 0;
            Long cursor = null;
            while (true) {
                Page<StoredVersion> page = store.find(collection, new ObjectQuery(null, null, cursor, PAGE, List.of(), List.of(),
                        VersionMatch.LAST, List.of(), true));
                read += page.items().size();
                if (!page.more()) {
                    break;
                }
                cursor = page.items().get(page.items().size() - 1).dateAddedMicros();
            }
            double pagingSeconds = (System.nanoTime() - t0) / 1e9;
            check(rows, read);
            System.out.printf("find: paged %,d objects (pages of %d, JSON included) at %,.0f objects/s%n", read, PAGE, read / pagingSeconds);

            Random random = new Random(1);
            long[] lat = new long[2000];
            for (int i = 0; i < lat.length; i++) {
                String id = ids.get(random.nextInt(ids.size()));
                long s = System.nanoTime();
                store.find(collection, new ObjectQuery(null, null, null, PAGE, List.of(id), List.of(), VersionMatch.LAST, List.of(), true));
                lat[i] = System.nanoTime() - s;
            }
            Arrays.sort(lat);
            System.out.printf("find match[id]: p50 %.2f ms, p99 %.2f ms%n", lat[lat.length / 2] / 1e6, lat[lat.length * 99 / 100] / 1e6);

            try (Connection c = db.dataSource().getConnection()) {
                int key = PlainJdbcBaseline.createCollection(c, UUID.randomUUID().toString());
                long[] last = {0};
                timedInserts("plain JDBC insert", rows, () -> {
                    List<PlainJdbcBaseline.Row> batch = new ArrayList<>(ENVELOPE);
                    for (int i = 0; i < ENVELOPE; i++) {
                        batch.add(PlainJdbcBaseline.indicatorRow(ts, 1_714_557_600_000_000L));
                    }
                    return () -> last[0] = PlainJdbcBaseline.insertBatch(c, key, last[0], batch);
                });
                long s = System.nanoTime();
                long n = PlainJdbcBaseline.readAll(c, key, PAGE);
                check(rows, n);
                System.out.printf("plain JDBC keyset read: %,.0f objects/s%n", n / ((System.nanoTime() - s) / 1e9));
            }
        }
    }

    /** One envelope's insert, timed. */
    private interface Insert {
        void run() throws Exception;
    }

    /** Prepares one envelope of {@link #ENVELOPE} rows (not timed) and returns its insert. */
    private interface Envelope {
        Insert prepare() throws Exception;
    }

    /**
     * Inserts {@code rows} rows envelope by envelope, timing only the inserts, and prints objects/s
     * per tenth of the load, then overall by wall clock and by CPU time of this thread (H2 runs
     * embedded in it: what a machine not shared with others would reach).
     */
    private static void timedInserts(String label, int rows, Envelope envelopes) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long timed = 0;
        long cpu = 0;
        int windowRows = 0;
        long windowNanos = 0;
        int step = Math.max(ENVELOPE, rows / 10 / ENVELOPE * ENVELOPE);
        for (int done = 0; done < rows; done += ENVELOPE) {
            Insert insert = envelopes.prepare();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            insert.run();
            long dt = System.nanoTime() - t0;
            cpu += mx.getCurrentThreadCpuTime() - c0;
            timed += dt;
            windowNanos += dt;
            windowRows += ENVELOPE;
            if (windowRows >= step || done + ENVELOPE >= rows) {
                System.out.printf("%s: rows %,9d..%,9d  %,8.0f objects/s%n", label, done + ENVELOPE - windowRows,
                        done + ENVELOPE, windowRows / (windowNanos / 1e9));
                windowRows = 0;
                windowNanos = 0;
            }
        }
        System.out.printf("%s: overall %,.0f objects/s wall clock, %,.0f objects per CPU-second (load average %.1f)%n",
                label, rows / (timed / 1e9), rows / (cpu / 1e9), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void check(long expected, long read) {
        if (expected != read) {
            throw new IllegalStateException("read " + read + " objects back, expected " + expected);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

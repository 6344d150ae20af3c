package nl.camiso.conformance.bench;

import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectStore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Feeds of many indicators, measured from outside the server:
 * <pre>
 * bench/feed-load [N] [--jdbc-url URL] [--formats ip,domain,...] [--clients 256] [--poll-seconds 10]
 * </pre>
 * Stores N indicators (default 1,000,000; a quarter each IPv4, domain, URL and SHA-256 patterns)
 * through the object store into a fresh H2 database (or the given, empty, database), starts the real
 * server on it in its own JVM with {@code -Xmx512m -XX:+UseParallelGC} (what {@code ./camiso serve}
 * uses) and a GC log, then fetches each feed format once and reports the time to the first body
 * byte, the total time, entries/s and the server's heap: the most used just before any collection
 * during the request and at a forced full collection right after it (heap use only grows between
 * collections, so this is the true peak), and the most left live after a collection. Last, 304
 * polls per second: {@code --clients} keep-alive connections each repeating a conditional GET with
 * the feed's ETag. Figures are printed, not asserted.
 */
public final class FeedBenchmark {

    static final List<String> FORMATS = List.of("ip", "domain", "url", "hash-sha256", "rpz", "suricata", "zeek",
            "csv", "stix");
    private static final String USER = "bench";
    private static final String PASSWORD = "camiso-demo";
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final int ENVELOPE = 1000;

    /** What to run. */
    record Settings(int indicators, String jdbcUrl, List<String> formats, int clients, int pollSeconds, String heap) {
    }

    /** One feed fetched once. */
    record FeedResult(String format, int status, long bytes, long entries, double firstByteSeconds, double totalSeconds,
                      long heapPeakMb, long heapLiveMb) {
        double entriesPerSecond() {
            return entries / Math.max(totalSeconds, 1e-9);
        }
    }

    /** The figures of one run. */
    record Result(List<FeedResult> feeds, long polls, long notModified, double pollSeconds) {
    }

    private FeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings s;
        try {
            s = parseArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("feed-load: " + e.getMessage()
                    + "; usage: [N] [--jdbc-url URL] [--formats ip,domain,...] [--clients 256] [--poll-seconds 10] [--heap 512m]");
            System.exit(2);
            return;
        }
        run(s, System.out);
    }

    static Settings parseArgs(String... args) {
        int n = 1_000_000;
        String jdbcUrl = null;
        List<String> formats = FORMATS;
        int clients = 256;
        int pollSeconds = 10;
        String heap = "512m";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            switch (a) {
                case "--jdbc-url" -> jdbcUrl = args[++i];
                case "--formats" -> formats = List.of(args[++i].split(","));
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--poll-seconds" -> pollSeconds = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                    n = Integer.parseInt(a.replace("_", "").replace(",", ""));
                }
            }
        }
        if (n < 4 || clients < 1 || pollSeconds < 1) {
            throw new IllegalArgumentException("N must be at least 4, clients and poll seconds at least 1");
        }
        return new Settings(n, jdbcUrl, formats, clients, pollSeconds, heap);
    }

    static Result run(Settings s, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("camiso-feed-bench");
        Process server = null;
        try {
            String collection = UUID.randomUUID().toString();
            Path config = writeConfig(dir, collection);
            DatabaseSettings db = s.jdbcUrl() == null ? DatabaseSettings.h2(dir.resolve("data"))
                    : new DatabaseSettings(s.jdbcUrl(), null, null);
            out.printf("%n== feed benchmark, %s, %,d indicators ==%n", db.isPostgres() ? "PostgreSQL" : "H2", s.indicators());
            long t0 = System.nanoTime();
            load(db, collection, s.indicators());
            out.printf("loaded %,d indicators through the object store in %.1f s%n", s.indicators(), (System.nanoTime() - t0) / 1e9);

            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path gcLog = dir.resolve("gc.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + s.heap(), "-XX:+UseParallelGC", "-Xlog:gc:file=" + gcLog,
                    "-cp", System.getProperty("java.class.path"), "nl.camiso.server.cli.Main", "serve",
                    "--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
                    "--bind", "127.0.0.1", "--port", Integer.toString(port), "--no-samples"));
            if (s.jdbcUrl() != null) {
                command.addAll(List.of("--db-url", s.jdbcUrl()));
            }
            server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
            String base = "http://127.0.0.1:" + port + "/bench/x-camiso/feeds/feeds/";
            waitUntilUp(server, port, dir.resolve("server.log"));
            out.printf("server: own JVM, -Xmx%s -XX:+UseParallelGC, pid %d%n", s.heap(), server.pid());

            GcLog gc = new GcLog(gcLog, server.pid());
            // the first feed request after a start also reads the validity boundaries of every
            // indicator once (FeedBoundaries), and is the JIT's first look at the feed code
            Fetched warm = fetch(URI.create(base + "domain"), '#');
            GcLog.Heap warmHeap = gc.collectAndRead();
            out.printf("first request after start (domain): status %d, first byte %.3f s, total %.2f s, heap peak %d MB%n",
                    warm.status(), warm.firstByteNanos() / 1e9, warm.totalNanos() / 1e9, warmHeap.peakMb());
            List<FeedResult> feeds = new ArrayList<>();
            for (String format : s.formats()) {
                FeedResult r = measure(base, format, gc);
                feeds.add(r);
            }
            out.println();
            out.printf("%-20s %6s %12s %12s %12s %10s %12s %14s %10s%n", "format", "status", "entries", "bytes",
                    "first byte s", "total s", "entries/s", "heap peak MB", "live MB");
            for (FeedResult r : feeds) {
                out.printf("%-20s %6d %,12d %,12d %12.3f %10.2f %,12.0f %14s %10s%n", r.format(), r.status(), r.entries(),
                        r.bytes(), r.firstByteSeconds(), r.totalSeconds(), r.entriesPerSecond(),
                        r.heapPeakMb() < 0 ? "?" : Long.toString(r.heapPeakMb()),
                        r.heapLiveMb() < 0 ? "-" : Long.toString(r.heapLiveMb()));
            }
            out.println("(entries: value lines; rpz: records, two per domain; csv: rows; stix: indicators."
                    + " heap peak: most used at any collection during the request or at the forced one after it;"
                    + " live: most kept by a full collection during it, - when none ran)");

            long[] polls = polls(port, "/bench/x-camiso/feeds/feeds/domain", s.clients(), s.pollSeconds());
            double perSecond = polls[1] / (double) s.pollSeconds();
            out.printf("%n304 polls (domain feed, If-None-Match): %d keep-alive clients, %d s: %,.0f polls/s"
                    + " (%,d answers, %,d of them 304)%n", s.clients(), s.pollSeconds(), perSecond, polls[0], polls[1]);
            return new Result(feeds, polls[0], polls[1], s.pollSeconds());
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
            deleteTree(dir);
        }
    }

    private static Path writeConfig(Path dir, String collection) throws IOException {
        Path config = dir.resolve("feeds.yaml");
        Files.writeString(config, """
                server:
                  title: "CAMISO feed benchmark"
                  demo: true
                  feeds:
                    allow_list:
                      - allowed.example
                api_roots:
                  - name: bench
                    title: "Benchmark"
                    collections:
                      - id: %s
                        alias: feeds
                        title: "Feed benchmark collection"
                        initiative: bench
                        tlp: GREEN
                """.formatted(collection) + BenchData.hubWithAccount(USER, PASSWORD, false));
        return config;
    }

    /**
     * Stores the indicators in envelopes of 1,000 (parsed beforehand, as the TAXII layer would):
     * IPv4 addresses spread over 11.0.0.0-99.255.255.255 (nothing private, so CIDR merging has
     * little to merge), domains (one in 1,000 under an allow-listed domain), URLs and SHA-256 hashes.
     */
    static void load(DatabaseSettings settings, String collection, int n) throws IOException {
        try (Database db = Database.open(settings, List.of())) {
            ObjectStore store = db.objectStore();
            String ts = Instant.now().minusSeconds(3600).toString();
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long x = 0x9E3779B97F4A7C15L;
            for (int done = 0; done < n; done += ENVELOPE) {
                List<IncomingObject> batch = new ArrayList<>(ENVELOPE);
                for (int i = done; i < Math.min(n, done + ENVELOPE); i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                    int r = (int) (x >>> 33);
                    String pattern = switch (i % 4) {
                        case 0 -> "[ipv4-addr:value = '" + (11 + Math.floorMod(r, 89)) + "." + ((r >>> 8) & 255) + "."
                                + ((r >>> 16) & 255) + "." + (x >>> 56 & 255) + "']";
                        case 1 -> "[domain-name:value = 'd" + i + "-" + Integer.toHexString(r)
                                + (i % 1000 == 1 ? ".allowed.example" : ".example-bad.net") + "']";
                        case 2 -> "[url:value = 'http://u" + i + ".example-bad.org/p/" + Integer.toHexString(r) + "?id=" + i + "']";
                        default -> "[file:hashes.'SHA-256' = '" + HexFormat.of().formatHex(
                                sha.digest(Integer.toString(i).getBytes(StandardCharsets.UTF_8))) + "']";
                    };
                    String json = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + UUID.randomUUID()
                            + "\",\"created\":\"" + ts + "\",\"modified\":\"" + ts + "\",\"name\":\"bench " + i
                            + "\",\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"" + pattern
                            + "\",\"pattern_type\":\"stix\",\"valid_from\":\"" + ts + "\",\"confidence\":" + (i % 101) + "}";
                    batch.add(new IncomingObject(StixObject.of(StixJson.parse(json)), json.getBytes(StandardCharsets.UTF_8)));
                }
                store.add("bench", collection, USER, System.currentTimeMillis() * 1000, batch.size(), batch, List.of());
            }
        }
    }

    private static void waitUntilUp(Process server, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped: " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the server did not listen within 5 minutes");
    }

    private static FeedResult measure(String base, String format, GcLog gc) throws Exception {
        String kind = format.contains("?") ? format.substring(0, format.indexOf('?')) : format; // "csv?max=10"
        char comment = switch (kind) {
            case "rpz" -> ';';
            default -> '#';
        };
        Fetched f = fetch(URI.create(base + format), comment);
        long entries = switch (kind) {
            case "csv" -> Math.max(0, f.lines() - 1); // header row
            case "stix" -> f.indicators();
            case "rpz" -> f.lines() - 3; // $TTL, SOA, NS
            default -> f.lines();
        };
        GcLog.Heap heap = gc.collectAndRead();
        return new FeedResult(format, f.status(), f.bytes(), entries, f.firstByteNanos() / 1e9, f.totalNanos() / 1e9,
                heap.peakMb(), heap.liveMb());
    }

    /** What one GET read: data lines (not comments), bytes, and for a bundle its indicators. */
    record Fetched(int status, long bytes, long lines, long indicators, long firstByteNanos, long totalNanos) {
    }

    static Fetched fetch(URI uri, char comment) throws IOException {
        long t0 = System.nanoTime();
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestProperty("Authorization", AUTH);
        c.setReadTimeout(600_000);
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            return new Fetched(-1, 0, 0, 0, System.nanoTime() - t0, System.nanoTime() - t0);
        }
        if (status != 200) {
            return new Fetched(status, 0, 0, 0, System.nanoTime() - t0, System.nanoTime() - t0);
        }
        try (InputStream in = c.getInputStream()) {
            byte[] buf = new byte[65536];
            int n = in.read(buf);
            long first = System.nanoTime() - t0;
            long bytes = 0;
            long lines = 0;
            long indicators = 0;
            boolean lineStart = true;
            boolean counted = false;
            byte[] marker = "{\"type\":\"indicator\"".getBytes(StandardCharsets.US_ASCII);
            int matched = 0;
            while (n >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (lineStart) {
                        counted = b != comment && b != '\n' && b != '\r';
                        lineStart = false;
                    }
                    if (b == '\n') {
                        if (counted) {
                            lines++;
                        }
                        lineStart = true;
                    }
                    matched = b == marker[matched] ? matched + 1 : b == marker[0] ? 1 : 0;
                    if (matched == marker.length) {
                        indicators++;
                        matched = 0;
                    }
                }
                bytes += n;
                n = in.read(buf);
            }
            return new Fetched(status, bytes, lines, indicators, first, System.nanoTime() - t0);
        }
    }

    /**
     * Conditional polls: each client keeps one connection and repeats GET with the feed's ETag,
     * reading each answer's head (a 304 has no body). Returns {answers, of them 304}.
     */
    static long[] polls(int port, String path, int clients, int seconds) throws Exception {
        HttpURLConnection first = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        first.setRequestProperty("Authorization", AUTH);
        String etag = first.getHeaderField("ETag");
        first.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (etag == null) {
            throw new IllegalStateException("the feed has no ETag");
        }
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + AUTH
                + "\r\nIf-None-Match: " + etag + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        AtomicLong answers = new AtomicLong();
        AtomicLong notModified = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < clients; t++) {
            Thread thread = new Thread(() -> {
                try {
                    Poller p = new Poller(port, request);
                    p.poll(); // the connection is open and used once before the clock starts
                    connected.countDown();
                    start.await();
                    long n = 0;
                    long nm = 0;
                    while (System.nanoTime() < deadline[0]) {
                        if (p.poll() == 304) {
                            nm++;
                        }
                        n++;
                    }
                    p.close();
                    answers.addAndGet(n);
                    notModified.addAndGet(nm);
                } catch (Exception e) {
                    failures.add(e);
                    connected.countDown();
                }
            }, "poller-" + t);
            thread.start();
            threads.add(thread);
        }
        connected.await();
        deadline[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " poll clients failed, first: " + failures.get(0), failures.get(0));
        }
        return new long[]{answers.get(), notModified.get()};
    }

    /**
     * One client's keep-alive connection; opens a new one after an answer with
     * {@code Connection: close} (the server ends a keep-alive connection after 256 requests), as
     * an HTTP client would.
     */
    private static final class Poller {
        private final int port;
        private final byte[] request;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Poller(int port, byte[] request) {
            this.port = port;
            this.request = request;
        }

        int poll() throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                socket.setSoTimeout(60_000);
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream());
            }
            out.write(request);
            boolean[] closing = {false};
            int status = readAnswer(in, closing);
            if (closing[0]) {
                close();
            }
            return status;
        }

        void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    private static final Pattern CONNECTION_CLOSE = Pattern.compile("(?im)^connection:\\s*close");

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    /** Reads one answer on a keep-alive connection (head, and a body when it has a Content-Length); its status. */
    private static int readAnswer(InputStream in, boolean[] closing) throws IOException {
        StringBuilder head = new StringBuilder();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-answer");
            }
            head.append((char) b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        closing[0] = CONNECTION_CLOSE.matcher(head).find();
        Matcher m = CONTENT_LENGTH.matcher(head);
        if (m.find()) {
            in.skipNBytes(Long.parseLong(m.group(1)));
        } else if (head.toString().toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            throw new IOException("chunked answer to a conditional poll: " + head);
        }
        return Integer.parseInt(head.substring(9, 12));
    }

    /**
     * The server's GC log ({@code -Xlog:gc}): each line gives the heap before and after a
     * collection. {@link #collectAndRead} forces a full collection with {@code jcmd} (so the heap
     * at the end of a request is seen too) and returns the figures of the lines since the last call.
     */
    static final class GcLog {
        private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

        record Heap(long peakMb, long liveMb) {
        }

        private final Path file;
        private final long pid;
        private long offset;

        GcLog(Path file, long pid) {
            this.file = file;
            this.pid = pid;
        }

        Heap collectAndRead() throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            boolean forced = false;
            if (Files.isExecutable(jcmd)) {
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                forced = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
                Thread.sleep(200); // the log line is written after the pause
            }
            long peak = -1;
            long live = -1;
            List<long[]> pauses = new ArrayList<>();
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                f.seek(offset);
                byte[] rest = new byte[(int) (f.length() - offset)];
                f.readFully(rest);
                int end = new String(rest, StandardCharsets.UTF_8).lastIndexOf('\n') + 1;
                offset += end;
                for (String line : new String(rest, 0, end, StandardCharsets.UTF_8).split("\n")) {
                    Matcher m = PAUSE.matcher(line);
                    if (m.find()) {
                        pauses.add(new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                                line.contains("Pause Full") ? 1 : 0});
                    }
                }
            }
            for (int i = 0; i < pauses.size(); i++) {
                peak = Math.max(peak, pauses.get(i)[0]);
                // live: what a full collection during the request kept (a young one leaves the old
                // generation's garbage in the figure); the forced one after it shows what it left, not used
                if (pauses.get(i)[2] == 1 && !(forced && i == pauses.size() - 1)) {
                    live = Math.max(live, pauses.get(i)[1]);
                }
            }
            return new Heap(peak, live);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

package nl.camiso.conformance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TAXII 2.1 load benchmark: ingest, paging, lookups and concurrent readers against any TAXII 2.1
 * collection, printing figures (not asserting them).
 *
 * <pre>
 * java -jar conformance-tests/target/camiso-bench.jar --url http://127.0.0.1:8080/ --api-root ndn \
 *      --collection ID --user admin --password camiso-demo --objects 100000
 * </pre>
 *
 * With {@code --embedded} (see {@link EmbeddedTarget}) it starts our own server in-process on a
 * fresh H2 database, measures the server's heap, and adds the plain-JDBC baseline.
 */
public final class LoadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaxiiHttp http;
    private final String collectionPath;
    private final Options opt;
    private final List<String> indicatorIds = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> results = new LinkedHashMap<>();
    /** Names this run's cross-envelope courses of action (see {@link BenchData}). */
    private final String run = UUID.randomUUID().toString();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong warned = new AtomicLong();
    private final AtomicReference<String> firstRefusal =
            new AtomicReference<>();

    record Options(String url, String user, String password, String apiRoot, String collection, int objects,
                   int indicatorsPerEnvelope, int lookups, int readers, int readerSeconds, int pageSize,
                   boolean embedded, String jdbcUrl, String warmupCollection, int warmupEnvelopes) {
    }

    LoadBenchmark(Options opt) {
        this.opt = opt;
        this.http = new TaxiiHttp(opt.url(), opt.user(), opt.password());
        this.collectionPath = opt.apiRoot() + "/collections/" + opt.collection() + "/";
    }

    public static void main(String[] args) throws Exception {
        Options opt = parse(args);
        if (opt.embedded()) {
            try (EmbeddedTarget target = EmbeddedTarget.start(opt.jdbcUrl())) {
                Options o = new Options(target.url(), target.user(), target.password(), target.apiRoot(),
                        target.collection(), opt.objects(), opt.indicatorsPerEnvelope(), opt.lookups(),
                        opt.readers(), opt.readerSeconds(), opt.pageSize(), true, opt.jdbcUrl(),
                        target.warmupCollection(), opt.warmupEnvelopes());
                HeapWatcher heap = HeapWatcher.start();
                LoadBenchmark bench = new LoadBenchmark(o);
                bench.run();
                bench.results.put("server heap: max used (MB)", String.format("%.0f of -Xmx %d",
                        heap.stop() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576));
                target.baseline(o.objects(), bench.results);
                bench.print();
            }
        } else {
            LoadBenchmark bench = new LoadBenchmark(opt);
            bench.run();
            bench.print();
        }
    }

    void run() throws Exception {
        ingest();
        page();
        lookups();
        concurrentReaders();
    }

    // --- ingest ---------------------------------------------------------------------------------

    private void ingest() throws Exception {
        warmUp();
        int perEnvelope = BenchData.envelope(opt.indicatorsPerEnvelope(), coursesOfAction()).objectCount();
        int envelopes = Math.max(2, (opt.objects() + perEnvelope - 1) / perEnvelope);
        int singleThreaded = Math.max(1, envelopes / 4);
        // one decile of envelopes per slot, to show whether the cost per object grows with the collection:
        // objects over the wall-clock span from the decile's first request to its last response (with
        // 4 threads a request's own time also counts the wait for the collection's writer lock)
        long[] decileSpan = new long[20];
        java.util.Arrays.fill(decileSpan, 0, 10, Long.MAX_VALUE);
        long[] decileObjects = new long[10];

        // the same work early and late, both with 1 client thread: envelopes 10-19 (after the JIT's
        // warm-up, about 10k-20k objects stored) against 10 more envelopes after all the others
        int probe = Math.min(10, singleThreaded / 2);
        int earlyFrom = Math.min(10, singleThreaded - probe);
        long earlyStart = 0;
        long earlyEnd = 0;
        long t0 = System.nanoTime();
        long objects1 = 0;
        for (int e = 0; e < singleThreaded; e++) {
            if (e == earlyFrom) {
                earlyStart = System.nanoTime();
            }
            objects1 += postEnvelope(e, envelopes, decileSpan, decileObjects);
            if (e == earlyFrom + probe - 1) {
                earlyEnd = System.nanoTime();
            }
        }
        double s1 = (System.nanoTime() - t0) / 1e9;
        results.put("ingest, 1 client thread (objects/s)", rate(objects1, s1));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger(singleThreaded);
        AtomicLong objects4 = new AtomicLong();
        long t1 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fs.add(pool.submit(() -> {
                int e;
                while ((e = next.getAndIncrement()) < envelopes) {
                    objects4.addAndGet(postEnvelope(e, envelopes, decileSpan, decileObjects));
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double s4 = (System.nanoTime() - t1) / 1e9;
        results.put("ingest, 4 client threads (objects/s)", rate(objects4.get(), s4));

        long lateObjects = 0;
        long lateStart = System.nanoTime();
        for (int e = 0; e < probe; e++) {
            lateObjects += postEnvelope(envelopes - 1, envelopes, new long[20], new long[10]);
        }
        double lateSeconds = (System.nanoTime() - lateStart) / 1e9;
        if (probe > 0) {
            results.put("ingest early vs late, 1 client thread (objects/s)", String.format(
                    "%s with %,d stored, %s with %,d stored", rate((long) probe * perEnvelope, (earlyEnd - earlyStart) / 1e9),
                    (long) earlyFrom * perEnvelope, rate(lateObjects, lateSeconds), objects1 + objects4.get()));
        }
        results.put("objects in collection after ingest", String.valueOf(objects1 + objects4.get() + lateObjects));
        // relationships point to courses of action of the next envelope, often not stored yet: none may be refused
        results.put("ingest: objects refused / pending / accepted with a warning", refused.get() + " / " + pending.get()
                + " / " + warned.get() + (firstRefusal.get() == null ? "" : " (first refusal: " + firstRefusal.get() + ")"));
        StringBuilder deciles = new StringBuilder();
        for (int d = 0; d < 10; d++) {
            synchronized (decileSpan) {
                long span = decileSpan[10 + d] - decileSpan[d];
                deciles.append(d == 0 ? "" : " ").append(decileObjects[d] == 0 ? "-"
                        : String.format("%.0f", decileObjects[d] / (span / 1e9)));
            }
        }
        results.put("ingest per decile of the run (objects/s)", deciles.toString());
    }

    /**
     * Posts envelopes to another collection first, so that the early ingest figures measure the
     * server's cost at a small collection, not the JIT compiling it (embedded: always; --url: with
     * --warmup-collection).
     */
    private void warmUp() throws Exception {
        if (opt.warmupCollection() == null) {
            return;
        }
        String path = opt.apiRoot() + "/collections/" + opt.warmupCollection() + "/objects/";
        for (int e = 0; e < opt.warmupEnvelopes(); e++) {
            HttpResponse<byte[]> r = http.post(path, BenchData.envelope(opt.indicatorsPerEnvelope(), coursesOfAction()).json());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("warm-up envelope refused: HTTP " + r.statusCode());
            }
        }
    }

    private int coursesOfAction() {
        return Math.max(1, opt.indicatorsPerEnvelope() / 20);
    }

    /** Posts envelope {@code e}; widens its decile's span: {@code span[d]} first start, {@code span[10 + d]} last end. */
    private int postEnvelope(int e, int envelopes, long[] span, long[] decileObjects) throws Exception {
        BenchData.Envelope env = BenchData.envelope(opt.indicatorsPerEnvelope(), coursesOfAction(), run, e, envelopes);
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.post(collectionPath + "objects/", env.json());
        long end = System.nanoTime();
        if (r.statusCode() != 202) {
            throw new IllegalStateException("envelope refused: HTTP " + r.statusCode() + " "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        JsonNode status = JSON.readTree(r.body());
        refused.addAndGet(status.path("failure_count").asInt());
        pending.addAndGet(status.path("pending_count").asInt());
        for (JsonNode s : status.path("successes")) {
            if (s.hasNonNull("message")) {
                warned.incrementAndGet();
            }
        }
        if (status.path("failure_count").asInt() > 0 && firstRefusal.get() == null) {
            firstRefusal.set(status.path("failures").path(0).toString());
        }
        int d = (int) ((long) e * 10 / envelopes);
        synchronized (span) {
            span[d] = Math.min(span[d], start);
            span[10 + d] = Math.max(span[10 + d], end);
            decileObjects[d] += env.objectCount();
        }
        // keep a sample of ids for the lookups: every tenth envelope, so that a short run has some too
        if (e % 10 == 0) {
            indicatorIds.addAll(env.indicatorIds().subList(0, Math.min(50, env.indicatorIds().size())));
        }
        return env.objectCount();
    }

    // --- paging ---------------------------------------------------------------------------------

    private void page() throws Exception {
        long t0 = System.nanoTime();
        long objects = 0;
        int pages = 0;
        String next = null;
        do {
            String q = "objects/?limit=" + opt.pageSize() + (next == null ? "" : "&next=" + enc(next));
            HttpResponse<byte[]> r = http.get(collectionPath + q);
            EnvelopePage page = EnvelopePage.of(r.body());
            objects += page.objects();
            pages++;
            next = page.next();
        } while (next != null);
        double s = (System.nanoTime() - t0) / 1e9;
        results.put("paging the whole collection with next (objects/s)",
                rate(objects, s) + " (" + objects + " objects, " + pages + " pages of " + opt.pageSize() + ")");
    }

    // --- lookups --------------------------------------------------------------------------------

    private void lookups() throws Exception {
        if (indicatorIds.isEmpty()) {
            return;
        }
        Latencies byId = new Latencies();
        Latencies byType = new Latencies();
        Latencies manifest = new Latencies();
        Latencies versions = new Latencies();
        Latencies addedAfter = new Latencies();
        List<String> dateAdded = new ArrayList<>();
        for (int i = 0; i < opt.lookups(); i++) {
            String id = randomId();
            timed(byId, "objects/?match[id]=" + id);
            timed(byType, "objects/?match[type]=course-of-action&limit=100");
            timed(manifest, "manifest/?match[id]=" + id);
            HttpResponse<byte[]> r = timed(versions, "objects/" + id + "/versions/");
            r.headers().firstValue("X-TAXII-Date-Added-First").ifPresent(dateAdded::add);
            if (!dateAdded.isEmpty()) {
                String after = dateAdded.get(ThreadLocalRandom.current().nextInt(dateAdded.size()));
                timed(addedAfter, "objects/?added_after=" + enc(after) + "&limit=100");
            }
        }
        results.put("match[id] lookup", byId.summary());
        results.put("match[type] (100 per page)", byType.summary());
        results.put("manifest match[id]", manifest.summary());
        results.put("versions of one object", versions.summary());
        results.put("added_after (100 per page)", addedAfter.summary());
    }

    private HttpResponse<byte[]> timed(Latencies l, String q) throws Exception {
        long s = System.nanoTime();
        HttpResponse<byte[]> r = http.get(collectionPath + q);
        l.add(System.nanoTime() - s);
        return r;
    }

    private String randomId() {
        return indicatorIds.get(ThreadLocalRandom.current().nextInt(indicatorIds.size()));
    }

    // --- concurrent readers ---------------------------------------------------------------------

    private void concurrentReaders() throws Exception {
        if (indicatorIds.isEmpty()) {
            return;
        }
        Latencies l = new Latencies();
        AtomicLong objects = new AtomicLong();
        long deadline = System.nanoTime() + opt.readerSeconds() * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(opt.readers());
        List<Future<?>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < opt.readers(); t++) {
            final int reader = t;
            fs.add(pool.submit(() -> {
                String next = null;
                while (System.nanoTime() < deadline) {
                    // half the readers page through the feed like a SIEM, half look single ids up
                    if (reader % 2 == 0) {
                        String q = "objects/?limit=100" + (next == null ? "" : "&next=" + enc(next));
                        long s = System.nanoTime();
                        HttpResponse<byte[]> r = http.get(collectionPath + q);
                        l.add(System.nanoTime() - s);
                        EnvelopePage page = EnvelopePage.of(r.body());
                        objects.addAndGet(page.objects());
                        next = page.next();
                    } else {
                        long s = System.nanoTime();
                        HttpResponse<byte[]> r = http.get(collectionPath + "objects/?match[id]=" + randomId());
                        l.add(System.nanoTime() - s);
                        objects.addAndGet(EnvelopePage.of(r.body()).objects());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double s = (System.nanoTime() - t0) / 1e9;
        results.put(opt.readers() + " concurrent readers (requests)", l.summary()
                + String.format(", %.0f requests/s, %s objects/s", l.count() / s, rate(objects.get(), s)));
    }

    // --- output ---------------------------------------------------------------------------------

    private void print() {
        System.out.println();
        System.out.println("CAMISO TAXII 2.1 load benchmark — " + opt.url() + " collection " + opt.collection());
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", java " + System.getProperty("java.version"));
        int w = results.keySet().stream().mapToInt(String::length).max().orElse(10);
        results.forEach((k, v) -> System.out.printf("  %-" + w + "s  %s%n", k, v));
    }

    static String rate(long objects, double seconds) {
        return String.format("%.0f", objects / Math.max(seconds, 1e-9));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (k.equals("--embedded")) {
                a.put("embedded", "true");
            } else if (k.startsWith("--") && i + 1 < args.length) {
                a.put(k.substring(2), args[++i]);
            } else {
                usage("unexpected argument: " + k);
            }
        }
        boolean embedded = a.containsKey("embedded");
        if (!embedded && (!a.containsKey("url") || !a.containsKey("collection"))) {
            usage("--url and --collection are required unless --embedded");
        }
        return new Options(a.get("url"), a.get("user"), a.get("password"), a.getOrDefault("api-root", "ndn"),
                a.get("collection"), Integer.parseInt(a.getOrDefault("objects", "100000")),
                Integer.parseInt(a.getOrDefault("indicators-per-envelope", "500")),
                Integer.parseInt(a.getOrDefault("lookups", "500")),
                Integer.parseInt(a.getOrDefault("readers", "16")),
                Integer.parseInt(a.getOrDefault("reader-seconds", "20")),
                Integer.parseInt(a.getOrDefault("page-size", "1000")), embedded, a.get("jdbc-url"),
                a.get("warmup-collection"), Integer.parseInt(a.getOrDefault("warmup-envelopes", "40")));
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: LoadBenchmark (--embedded [--jdbc-url URL] | --url URL --api-root ROOT --collection ID"
                + " [--user U --password P]) [--objects N] [--indicators-per-envelope 500] [--lookups 500]"
                + " [--readers 16] [--reader-seconds 20] [--page-size 1000]"
                + " [--warmup-collection ID [--warmup-envelopes 40]]");
        System.exit(2);
    }

    /** Samples the heap pools' used bytes in the background; reports the maximum seen. */
    static final class HeapWatcher {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long max;

        private HeapWatcher() {
            thread = new Thread(() -> {
                while (running) {
                    long used = 0;
                    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (p.getType() == MemoryType.HEAP) {
                            used += p.getUsage().getUsed();
                        }
                    }
                    max = Math.max(max, used);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watcher");
            thread.setDaemon(true);
        }

        static HeapWatcher start() {
            HeapWatcher w = new HeapWatcher();
            w.thread.start();
            return w;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return max;
        }
    }
}

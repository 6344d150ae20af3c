package nl.camiso.conformance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.camiso.stix.Bundle;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.stix.validation.ValidationReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput of (a) plain Jackson tree parsing and (b) our parse plus full validation (patterns
 * included) over a directory of STIX JSON files, in objects per second, and the ratio b/a. The
 * target is b at no less than 40% of a: validation may not make intake much slower than parsing.
 *
 * <p>A runnable program, not a timed test. All files are read into memory first, so disk I/O is
 * not measured. Each pass goes through every file once with one workload; a round alternates
 * passes of (a) and (b), pass by pass, until each has run for at least {@code --min-round-ms}, so
 * that the load of other processes on a shared machine hits both workloads alike (it changes from
 * second to second; with whole rounds of one workload it decided which one looked slow). Warm-up
 * rounds let the JIT compile before measuring, and the median round counts. One
 * {@link StixValidator} is created up front and reused, as the server does (it is stateless and
 * thread-safe).
 *
 * <pre>
 *   bench/stix-parse [DIR] [--warmup N] [--rounds N] [--min-round-ms MS] [--check]
 * </pre>
 */
public final class ParseValidateBenchmark {

    /** Parse + validate at no less than this share of plain Jackson. */
    public static final double TARGET_RATIO = 0.40;

    /** Settings of one run. */
    public record Settings(Path dir, int warmupRounds, int measuredRounds, long minRoundMillis) {
        public Settings {
            if (warmupRounds < 0 || measuredRounds < 1 || minRoundMillis < 1) {
                throw new IllegalArgumentException("need warm-up >= 0, rounds >= 1, min-round-ms >= 1");
            }
        }
    }

    /** The outcome: median objects per second of both workloads. */
    public record Result(int files, long bytes, long objects, double jacksonObjectsPerSecond,
                         double stixObjectsPerSecond, long errors, long warnings) {
        public double ratio() {
            return stixObjectsPerSecond / jacksonObjectsPerSecond;
        }

        public boolean meetsTarget() {
            return ratio() >= TARGET_RATIO;
        }
    }

    /** Objects per second of one round, by wall-clock time and by this thread's CPU time. */
    private record Rate(double wall, double cpu) {
    }

    private record Corpus(List<Path> paths, List<byte[]> contents, long bytes, long objects) {
    }

    private final ObjectMapper plainJackson = new ObjectMapper();
    private final StixValidator validator = new StixValidator();
    private long sink; // consumed results, so the JIT cannot drop the work

    public static void main(String[] args) {
        try {
            Settings settings = parseArgs(args);
            Result r = new ParseValidateBenchmark().run(settings, System.out);
            boolean check = Arrays.asList(args).contains("--check");
            System.exit(check && !r.meetsTarget() ? 1 : 0);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("stix-parse: " + e.getMessage());
            System.exit(2);
        }
    }

    /** {@code [DIR] [--warmup N] [--rounds N] [--min-round-ms MS] [--check]}. */
    public static Settings parseArgs(String... args) {
        Path dir = null;
        int warmup = 5;
        int rounds = 7;
        long minMs = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                case "--min-round-ms" -> minMs = Long.parseLong(value(args, ++i));
                case "--check" -> {
                }
                default -> {
                    if (args[i].startsWith("--") || dir != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i]
                                + "'; usage: [DIR] [--warmup N] [--rounds N] [--min-round-ms MS] [--check]");
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        return new Settings(dir == null ? defaultDir() : dir, warmup, rounds, minMs);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** {@code camiso.corpus.dir} when set, else {@code ../shared/data/stix} from the working directory. */
    public static Path defaultDir() {
        String prop = System.getProperty("camiso.corpus.dir");
        return prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("..", "shared", "data", "stix");
    }

    /** Runs the benchmark, printing progress and the summary to {@code out}. */
    public Result run(Settings s, PrintStream out) throws IOException {
        Corpus corpus = load(s.dir(), out);
        out.printf(Locale.ROOT, "corpus: %s: %d files, %.1f MiB, %d objects%n",
                s.dir().toAbsolutePath().normalize(), corpus.paths().size(), corpus.bytes() / 1048576.0, corpus.objects());
        out.printf(Locale.ROOT, "java %s, %d cpu(s), max heap %d MiB; %d warm-up + %d measured rounds of >= %d ms each%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576, s.warmupRounds(), s.measuredRounds(), s.minRoundMillis());

        for (int i = 0; i < s.warmupRounds(); i++) {
            Rate[] ab = round(corpus, s.minRoundMillis());
            double a = ab[0].wall();
            double b = ab[1].wall();
            out.printf(Locale.ROOT, "warm-up %d: jackson %,.0f obj/s, parse+validate %,.0f obj/s%n", i + 1, a, b);
        }
        double[] jackson = new double[s.measuredRounds()];
        double[] stix = new double[s.measuredRounds()];
        double[] jacksonCpu = new double[s.measuredRounds()];
        double[] stixCpu = new double[s.measuredRounds()];
        for (int i = 0; i < s.measuredRounds(); i++) {
            Rate[] ab = round(corpus, s.minRoundMillis());
            Rate a = ab[0];
            Rate b = ab[1];
            jackson[i] = a.wall();
            stix[i] = b.wall();
            jacksonCpu[i] = a.cpu();
            stixCpu[i] = b.cpu();
            out.printf(Locale.ROOT, "round %d: (a) jackson readTree %,.0f obj/s   (b) StixJson.parse + validate %,.0f obj/s   b/a %.0f%%%n",
                    i + 1, jackson[i], stix[i], 100 * stix[i] / jackson[i]);
        }
        long[] findings = countFindings(corpus);
        Result r = new Result(corpus.paths().size(), corpus.bytes(), corpus.objects(), median(jackson), median(stix),
                findings[0], findings[1]);
        out.printf(Locale.ROOT, "validation found %d errors and %d warnings per pass (a check that it ran; checksum %d)%n",
                r.errors(), r.warnings(), sink);
        if (median(jacksonCpu) > 0) {
            // on a shared machine other processes steal wall time; thread CPU time excludes that (but also GC threads' work)
            out.printf(Locale.ROOT, "by this thread's CPU time (median): (a) %,.0f objects/s, (b) %,.0f objects/s, b/a = %.1f%%%n",
                    median(jacksonCpu), median(stixCpu), 100 * median(stixCpu) / median(jacksonCpu));
        }
        out.printf(Locale.ROOT, "RESULT (median of %d): (a) plain Jackson %,.0f objects/s, (b) parse + full validation %,.0f objects/s, "
                        + "b/a = %.1f%% (target >= %.0f%%: %s)%n",
                s.measuredRounds(), r.jacksonObjectsPerSecond(), r.stixObjectsPerSecond(), 100 * r.ratio(), 100 * TARGET_RATIO,
                r.meetsTarget() ? "met" : "NOT met");
        return r;
    }

    private Corpus load(Path dir, PrintStream out) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir.toAbsolutePath().normalize());
        }
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dir)) {
            paths = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Path> kept = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        long bytes = 0;
        long objects = 0;
        for (Path p : paths) {
            byte[] b = Files.readAllBytes(p);
            try {
                objects += Bundle.objectsOf(StixJson.parse(b)).size();
            } catch (IOException | IllegalArgumentException e) {
                out.println("skipped (not STIX JSON): " + p + ": " + e.getMessage());
                continue;
            }
            kept.add(p);
            contents.add(b);
            bytes += b.length;
        }
        if (objects == 0) {
            throw new IOException("no STIX objects in " + dir.toAbsolutePath().normalize());
        }
        return new Corpus(kept, contents, bytes, objects);
    }

    /**
     * One round: passes of (a) and (b) in turn until each workload has run for the minimum time;
     * the objects per second of (a) and of (b), each over its own passes only.
     */
    private Rate[] round(Corpus corpus, long minMillis) throws IOException {
        System.gc(); // start every round from a comparable heap
        long minNanos = minMillis * 1_000_000L;
        long[] wall = new long[2];
        long[] cpu = new long[2];
        long[] objects = new long[2];
        while (wall[0] < minNanos || wall[1] < minNanos) {
            for (int w = 0; w < 2; w++) {
                long cpuStart = cpuNanos();
                long start = System.nanoTime();
                pass(corpus, w == 1);
                wall[w] += System.nanoTime() - start;
                cpu[w] += cpuNanos() - cpuStart;
                objects[w] += corpus.objects();
            }
        }
        Rate[] rates = new Rate[2];
        for (int w = 0; w < 2; w++) {
            rates[w] = new Rate(objects[w] / (wall[w] / 1e9), cpu[w] > 0 ? objects[w] / (cpu[w] / 1e9) : 0);
        }
        return rates;
    }

    /** Every file once: (a) plain Jackson tree parsing, or (b) what the server does with a POST. */
    private void pass(Corpus corpus, boolean stix) throws IOException {
        for (byte[] file : corpus.contents()) {
            if (stix) {
                JsonNode tree = StixJson.parse(file);
                ValidationReport report = validator.validate(tree);
                sink += report.issues().size() + tree.size();
            } else {
                sink += plainJackson.readTree(file).size();
            }
        }
    }

    /** This thread's CPU time, or 0 where the JVM cannot measure it. */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? Math.max(0, mx.getCurrentThreadCpuTime()) : 0;
    }

    private long[] countFindings(Corpus corpus) throws IOException {
        long errors = 0;
        long warnings = 0;
        for (byte[] file : corpus.contents()) {
            ValidationReport r = validator.validate(StixJson.parse(file));
            errors += r.errors().size();
            warnings += r.warnings().size();
        }
        return new long[] {errors, warnings};
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}

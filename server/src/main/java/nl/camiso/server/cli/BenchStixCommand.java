package nl.camiso.server.cli;

import nl.camiso.stix.bench.ParseValidateBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code camiso bench-stix [DIR]}: the issue 2 benchmark, plain Jackson tree parsing against our
 * parse + full validation, in objects per second (see {@link ParseValidateBenchmark}).
 */
@Command(name = "bench-stix",
        description = {"Measure STIX parse + validation throughput against plain Jackson parsing (objects/second).",
                "DIR defaults to ../shared/data/stix, looked up from the working directory, then from the project root."},
        mixinStandardHelpOptions = true)
final class BenchStixCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Directory of STIX JSON files, searched recursively.")
    Path dir;

    @Option(names = "--warmup", description = "Warm-up rounds (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int warmup;

    @Option(names = "--rounds", description = "Measured rounds (default: ${DEFAULT-VALUE}).", defaultValue = "7")
    int rounds;

    @Option(names = "--min-round-ms", description = "Minimum duration of one round in ms (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    long minRoundMillis;

    @Option(names = "--check", description = "Exit 1 when parse + validate is below 40% of plain Jackson.")
    boolean check;

    @Override
    public Integer call() {
        Path corpus = dir != null ? dir : defaultCorpus();
        if (corpus == null) {
            System.err.println("bench-stix: no corpus found at ../shared/data/stix (from the working directory or the project root); give DIR");
            return 2;
        }
        try {
            ParseValidateBenchmark.Result r = new ParseValidateBenchmark()
                    .run(new ParseValidateBenchmark.Settings(corpus, warmup, rounds, minRoundMillis), System.out);
            return check && !r.meetsTarget() ? 1 : 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("bench-stix: " + e.getMessage());
            return 2;
        }
    }

    /** {@code ../shared/data/stix} relative to the working directory, else to the project root (where the jar was built). */
    static Path defaultCorpus() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("..", "shared", "data", "stix"));
        projectRoot().ifPresent(root -> candidates.add(root.resolve("../shared/data/stix").normalize()));
        return candidates.stream().filter(Files::isDirectory).findFirst().orElse(null);
    }

    /** The project root, derived from where this class was loaded: {@code ROOT/server/target/(camiso.jar|classes)}. */
    private static java.util.Optional<Path> projectRoot() {
        try {
            Path location = Path.of(BenchStixCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = location.getParent(); // server/target for both the jar and the classes directory
            Path server = target == null ? null : target.getParent();
            return server == null || server.getParent() == null ? java.util.Optional.empty() : java.util.Optional.of(server.getParent());
        } catch (URISyntaxException | SecurityException | NullPointerException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}

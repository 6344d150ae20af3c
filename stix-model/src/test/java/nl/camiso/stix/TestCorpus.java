package nl.camiso.stix;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared STIX corpus ({@code camiso.corpus.dir}); tests using it are skipped when it is absent. */
final class TestCorpus {

    private TestCorpus() {
    }

    /** The corpus directory, or an aborted (skipped) test when it is not there. */
    static Path dir() {
        String prop = System.getProperty("camiso.corpus.dir");
        Assumptions.assumeTrue(prop != null && !prop.isBlank(), "camiso.corpus.dir not set");
        Path dir = Path.of(prop);
        Assumptions.assumeTrue(Files.isDirectory(dir), "corpus directory absent: " + dir);
        return dir;
    }

    /** Every {@code .json} file under the corpus, recursively, in a stable order. */
    static List<Path> jsonFiles() {
        Path dir = dir();
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
            Assumptions.assumeFalse(files.isEmpty(), "no JSON files in " + dir);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One corpus file by its path relative to the corpus directory; skipped when absent. */
    static Path file(String relative) {
        Path p = dir().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "corpus file absent: " + p);
        return p;
    }
}

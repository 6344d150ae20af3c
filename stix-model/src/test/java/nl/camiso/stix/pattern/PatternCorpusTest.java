package nl.camiso.stix.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** Every STIX indicator pattern in the shared corpus parses (SOURCES.md notes no invalid pattern). */
class PatternCorpusTest {

    @Test
    void everyCorpusIndicatorPatternParses() throws IOException {
        String dir = System.getProperty("camiso.corpus.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "corpus directory absent");
        ObjectMapper mapper = new ObjectMapper();
        List<String> patterns = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(dir))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collect(mapper.readTree(file.toFile()), patterns);
            }
        }
        assumeTrue(!patterns.isEmpty(), "no indicators in the corpus");
        List<String> failures = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                Pattern tree = StixPatterns.parse(pattern);
                assertEquals(tree, StixPatterns.parse(tree.toPatternString()), pattern);
            } catch (PatternException e) {
                failures.add(pattern + " -> " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + patterns.size() + " failed:\n"
                + String.join("\n", failures));
    }

    private static void collect(JsonNode node, List<String> patterns) {
        if (node.isObject()) {
            if ("indicator".equals(node.path("type").asText()) && "stix".equals(node.path("pattern_type").asText())
                    && node.path("pattern").isTextual()) {
                patterns.add(node.get("pattern").asText());
            }
            node.forEach(child -> collect(child, patterns));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, patterns));
        }
    }
}

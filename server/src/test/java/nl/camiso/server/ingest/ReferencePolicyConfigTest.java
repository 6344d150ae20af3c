package nl.camiso.server.ingest;

import nl.camiso.server.config.ApiRootConfig.ReferencePolicy;
import nl.camiso.server.config.ConfigException;
import nl.camiso.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code reference_policy} on an API root: refuse by default, warn on request, anything else an error. */
class ReferencePolicyConfigTest {

    static final String YAML = """
            server:
              title: Test
              demo: true
            api_roots:
              - name: ndn
                title: NDN
            %s
                collections:
                  - id: 6b0a9d37-1c1e-4a43-8c1e-3f0c5a1d2e01
                    title: NDN TLP:GREEN
                    tlp: GREEN
            """;

    @TempDir
    Path dir;

    ReferencePolicy policy(String line) throws IOException {
        Path file = dir.resolve("camiso.yaml");
        Files.writeString(file, YAML.formatted(line));
        return ConfigLoader.load(file).apiRoot("ndn").orElseThrow().referencePolicy();
    }

    @Test
    void defaultIsRefuse() throws IOException {
        assertEquals(ReferencePolicy.REFUSE, policy(""));
        assertEquals(ReferencePolicy.REFUSE, policy("    reference_policy: refuse"));
    }

    @Test
    void warnIsAccepted() throws IOException {
        assertEquals(ReferencePolicy.WARN, policy("    reference_policy: warn"));
    }

    @Test
    void anythingElseIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class, () -> policy("    reference_policy: ignore"));
        String problems = String.join("\n", e.problems());
        assertTrue(problems.contains("reference_policy"), problems);
    }
}

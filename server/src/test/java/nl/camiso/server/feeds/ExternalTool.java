package nl.camiso.server.feeds;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real tool run by a test on the feed output: {@code named-checkzone} (Debian bind9-utils) and
 * the rule parser of {@code suricata-update} (python3 module {@code suricata.update.rule}). A
 * test skips with the install command when the tool is missing on a developer's machine, and
 * fails when {@code CI} is set ({@code .ci/run} installs both), so CI can never skip them.
 */
record ExternalTool(String description, String install) {

    static final ExternalTool NAMED_CHECKZONE = new ExternalTool("named-checkzone", "apt-get install bind9-utils");
    static final ExternalTool SURICATA_UPDATE = new ExternalTool("the suricata-update rule parser (python3 module "
            + "suricata.update.rule)", "apt-get install suricata-update");

    record Result(int exit, String output) {
    }

    /** Runs the command; skips (or fails in CI) when it cannot be started or reports the tool missing. */
    Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            missing(e.getMessage());
            throw e;
        }
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail(description + " did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    void missing(String why) {
        String message = description + " is not available (" + why + "); install it with: " + install;
        if (System.getenv("CI") != null) {
            Assertions.fail(message + " (CI is set, so this test may not skip)");
        }
        Assumptions.abort(message);
    }

    /** The first of these executables that exists, for tools whose path differs between systems. */
    String executable(String... candidates) {
        for (String c : candidates) {
            if (c.contains("/") ? Files.isExecutable(Path.of(c)) : onPath(c)) {
                return c;
            }
        }
        missing("none of " + String.join(", ", candidates) + " found");
        return null;
    }

    private static boolean onPath(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, name)));
    }
}

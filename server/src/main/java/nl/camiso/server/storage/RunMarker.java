package nl.camiso.server.storage;

import nl.camiso.server.disk.FileSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A file beside an embedded H2 database ({@code camiso.open} next to {@code camiso.mv.db}) that
 * exists while a process has the database open: written at open, removed at a clean close. Found
 * at open, it means the last process did not close the database (killed, crashed, power cut), and
 * a warning says so: H2 then silently went back to its last stored state.
 */
final class RunMarker {

    private static final Logger LOG = LoggerFactory.getLogger(RunMarker.class);
    private static final String FILE_PREFIX = "jdbc:h2:file:";

    private final Path file;

    private RunMarker(Path file) {
        this.file = file;
    }

    /** For an embedded H2 file database (the caller has it open, so no other process has); else null. */
    static RunMarker open(DatabaseSettings settings) {
        String url = settings.jdbcUrl();
        if (!url.startsWith(FILE_PREFIX)) {
            return null;
        }
        String base = url.substring(FILE_PREFIX.length()).replaceFirst(";.*", "");
        Path file = Path.of(base + ".open");
        try {
            if (Files.exists(file)) {
                String last = Files.readString(file, StandardCharsets.UTF_8).trim();
                LOG.warn("The database {} was not closed cleanly by the last server ({}): it was killed, crashed or"
                        + " lost power. H2 went back to the last state stored on disk. Every write the server"
                        + " acknowledged (a status with the object in 'successes', an audit entry) was on disk before"
                        + " the answer; requests in flight at the time got no answer and may be missing: clients"
                        + " should send them again.", base, last.isEmpty() ? "no details" : last);
            }
            Files.writeString(file, "pid " + ProcessHandle.current().pid() + ", opened " + Instant.now() + "\n",
                    StandardCharsets.UTF_8);
            // H2 forces the contents of a new database file but not its name in the directory
            FileSync.directory(file.toAbsolutePath().getParent());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot write {} (used to notice an unclean shutdown at the next start): {}", file, e.toString());
            return null;
        }
        return new RunMarker(file);
    }

    /** The database is closed: the next start is not after a crash. */
    void closedCleanly() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: the next start will warn of an unclean shutdown: {}", file, e.toString());
        }
    }
}

package nl.camiso.server.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forcing what a power cut could lose to the disk. */
public final class FileSync {

    private FileSync() {
    }

    /**
     * Forces a directory's entries to the disk: forcing a new file's contents does not make its name
     * in the directory durable. Best effort: not every platform can open a directory for a sync
     * (Windows), where the files themselves are still synced.
     */
    public static void directory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException e) {
            // see above: nothing more can be done on such a platform
        }
    }
}

package nl.camiso.server.storage;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An H2 file system ({@code jdbc:h2:forcewatch:/path/db}) over the real one that watches what a
 * power cut would lose: it notes when given strings (object ids) are first written to a file,
 * and when a {@code force} (fsync) of that file follows. Everything still goes to the real disk.
 */
public final class ForceWatchingFilePath extends FilePathWrapper {

    static final String SCHEME = "forcewatch";

    enum State { WRITTEN, FORCED }

    private static final ForceWatchingFilePath INSTANCE = new ForceWatchingFilePath();
    private static final Map<String, State> WATCHED = new ConcurrentHashMap<>();
    private static final Map<String, byte[]> PATTERNS = new ConcurrentHashMap<>();
    private static final AtomicLong FORCES = new AtomicLong();

    /** For H2, which makes one instance per path by reflection. */
    public ForceWatchingFilePath() {
    }

    static void register() {
        FilePath.register(INSTANCE);
    }

    /** Watches for {@code text} in what is written from now on. */
    static void watch(String text) {
        PATTERNS.put(text, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Null until {@code text} was written; then WRITTEN, and FORCED once a force of its file followed. */
    static State state(String text) {
        return WATCHED.get(text);
    }

    static long forces() {
        return FORCES.get();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Watching(getBase().open(mode), name);
    }

    private static final class Watching extends FileBase {
        private final FileChannel channel;
        private final String name;

        Watching(FileChannel channel, String name) {
            this.channel = channel;
            this.name = name;
        }

        private void noteWrite(ByteBuffer src) {
            if (PATTERNS.isEmpty()) {
                return;
            }
            ByteBuffer copy = src.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            PATTERNS.forEach((text, pattern) -> {
                if (indexOf(bytes, pattern) >= 0) {
                    WATCHED.putIfAbsent(text, State.WRITTEN);
                }
            });
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            noteWrite(src);
            return channel.write(src, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            noteWrite(src);
            return channel.write(src);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            // what was written before the force began is on the disk when it returns
            var before = Map.copyOf(WATCHED);
            channel.force(metaData);
            before.forEach((text, state) -> WATCHED.replace(text, State.WRITTEN, State.FORCED));
            FORCES.incrementAndGet();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }

        @Override
        public String toString() {
            return SCHEME + ":" + name;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package nl.camiso.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a configuration came from: a file, or the sample copy on the classpath (inside the
 * jar). Files it names with relative paths ({@code load:}) are opened relative to it.
 */
public sealed interface ConfigSource {

    /** For messages. */
    String describe();

    /** Opens a file named relative to the configuration (absolute paths are used as they are). */
    InputStream open(String relative) throws IOException;

    boolean exists(String relative);

    /** A configuration file on disk. */
    record FileSource(Path file) implements ConfigSource {
        public Path resolve(String relative) {
            Path dir = file.toAbsolutePath().getParent();
            return dir.resolve(relative).normalize();
        }

        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public InputStream open(String relative) throws IOException {
            return Files.newInputStream(resolve(relative));
        }

        @Override
        public boolean exists(String relative) {
            return Files.isRegularFile(resolve(relative));
        }
    }

    /** A configuration on the classpath, e.g. {@code samples/camiso.yaml}. */
    record ClasspathSource(String resource) implements ConfigSource {
        private String resolve(String relative) {
            int slash = resource.lastIndexOf('/');
            return (slash < 0 ? "" : resource.substring(0, slash + 1)) + relative;
        }

        @Override
        public String describe() {
            return "classpath:" + resource;
        }

        @Override
        public InputStream open(String relative) throws IOException {
            InputStream in = ConfigSource.class.getClassLoader().getResourceAsStream(resolve(relative));
            if (in == null) {
                throw new NoSuchFileException("classpath:" + resolve(relative));
            }
            return in;
        }

        @Override
        public boolean exists(String relative) {
            return ConfigSource.class.getClassLoader().getResource(resolve(relative)) != null;
        }
    }
}

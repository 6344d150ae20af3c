package nl.camiso.server.auth;

import nl.camiso.server.disk.FileSync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 secret shared by {@code camiso token issue} and the server: 256 random bits,
 * base64url in a file readable by its owner only (created on first use).
 */
public final class HmacSecret {

    static final int BYTES = 32;

    private HmacSecret() {
    }

    public static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            } else if (Files.size(file) == 0) {
                // created but never written: the machine stopped in create(), before any token used it
                write(file);
            }
            byte[] secret = Base64.getUrlDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (secret.length < BYTES) {
                throw new IllegalStateException("JWT secret file " + file + " holds " + secret.length * 8
                        + " bits; at least " + BYTES * 8 + " are required");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("JWT secret file " + file + " is not base64url text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // another process made it first
        }
        write(file);
    }

    /**
     * Writes a new secret into the empty file, unless another process has (under a file lock), and
     * forces it and the new directory entry to the disk: tokens signed with it must not outlive it
     * in a power cut.
     */
    private static void write(Path file) throws IOException {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        byte[] text = (Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            if (ch.size() == 0) {
                ch.write(ByteBuffer.wrap(text));
                ch.force(true);
            }
        }
        FileSync.directory(file.toAbsolutePath().getParent());
    }
}

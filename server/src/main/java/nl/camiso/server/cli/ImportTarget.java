package nl.camiso.server.cli;

import nl.camiso.taxii.spi.StatusRecord;

import java.io.IOException;
import java.util.Optional;

/**
 * Where {@code camiso import} sends its envelopes: a running server over TAXII, or the data
 * directory through the server's own intake. Both answer with TAXII status resources.
 */
interface ImportTarget extends AutoCloseable {

    /** A failure that stops the import: the message is for the user (no stack trace). */
    final class ImportException extends RuntimeException {
        ImportException(String message) {
            super(message);
        }

        ImportException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** e.g. {@code ndn/ndn-green (http://127.0.0.1:8080/)}, for messages. */
    String describe();

    /** The API root's {@code max_content_length}: no envelope may be larger. */
    long maxContentLength();

    /**
     * Adds one envelope ({@code {"objects": [...]}}, UTF-8) and returns its status resource.
     *
     * @throws EnvelopeRefused when the whole envelope was refused (the reason applies to each object)
     */
    StatusRecord post(byte[] envelope) throws IOException;

    /** The status resource again (to follow a {@code pending} one). */
    Optional<StatusRecord> status(String statusId) throws IOException;

    @Override
    void close();

    /** The target refused the envelope as a whole (e.g. a 422): every object in it counts as refused. */
    final class EnvelopeRefused extends IOException {
        EnvelopeRefused(String message) {
            super(message);
        }
    }
}

package nl.camiso.server.setup;

/** The server refuses to start; the message says why and what to do. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

package nl.camiso.server.storage;

/** The embedded H2 database is open in another process (see {@code Database.openFailure}). */
public class DatabaseInUseException extends StorageException {

    public DatabaseInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}

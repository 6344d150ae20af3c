package nl.camiso.server.storage;

/** A database configuration the server refuses to run on (see {@code Database.open}). */
public class UnsupportedDatabaseException extends StorageException {

    public UnsupportedDatabaseException(String message) {
        super(message, null);
    }
}

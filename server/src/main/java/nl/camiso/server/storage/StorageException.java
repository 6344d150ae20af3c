package nl.camiso.server.storage;

/** A database failure the caller cannot fix (the protocol layer answers 500 or refuses to start). */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

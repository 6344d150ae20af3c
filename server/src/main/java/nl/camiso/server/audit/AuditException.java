package nl.camiso.server.audit;

/** The audit log cannot be written or read (database failure). */
public class AuditException extends RuntimeException {

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}

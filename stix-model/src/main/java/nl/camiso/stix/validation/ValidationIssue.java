package nl.camiso.stix.validation;

/**
 * One finding about one object.
 *
 * @param severity error (MUST) or warning (SHOULD / vocabulary)
 * @param objectId the id of the object concerned, or null when it has none
 * @param path     JSON path inside that object, e.g. {@code external_references[0].url}; "" for the object itself
 * @param message  what is wrong, precise enough to fix it
 */
public record ValidationIssue(Severity severity, String objectId, String path, String message) {

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code object-id: path: message}, the form the CLI prints after the file name. */
    @Override
    public String toString() {
        return (objectId == null ? "-" : objectId) + ": " + (path == null || path.isEmpty() ? "$" : path) + ": "
                + (severity == Severity.WARNING ? "warning: " : "error: ") + message;
    }
}

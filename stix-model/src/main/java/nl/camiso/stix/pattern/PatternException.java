package nl.camiso.stix.pattern;

/** A STIX pattern that is not valid: where (0-based character offset) and why. */
public class PatternException extends Exception {

    private final int position;
    private final String reason;

    public PatternException(int position, String reason) {
        super("at position " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}

package nl.camiso.server.network;

/** A refused change to the network (unknown organisation, one still in use, ...); the message is for the operator. */
public final class NetworkException extends RuntimeException {

    /** What kind of refusal, so that the admin API can choose its HTTP status. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;

    public NetworkException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package nl.camiso.server.accounts;

/** A refused account operation (unknown account, duplicate name, weak password...); the message is for the user. */
public final class AccountException extends RuntimeException {
    public AccountException(String message) {
        super(message);
    }
}

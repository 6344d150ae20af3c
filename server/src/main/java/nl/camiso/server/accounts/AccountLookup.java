package nl.camiso.server.accounts;

import nl.camiso.server.identity.Account;
import java.util.Optional;

/** Finds an account by name; what authentication needs from the account store. */
@FunctionalInterface
public interface AccountLookup {
    Optional<Account> find(String name);
}

package nl.camiso.server.accounts;

import java.util.List;
import java.util.Set;

/**
 * An account as stored, read at the start of a request.
 *
 * @param organisation its organisation's short name, or null
 * @param passwordHash null for a token-only account
 */
public record Account(String name, String organisation, Set<Role> roles, List<Grant> grants, String passwordHash) {

    public Account {
        roles = Set.copyOf(roles);
        grants = List.copyOf(grants);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "Account[" + name + ", roles=" + roles + ", grants=" + grants + "]";
    }
}

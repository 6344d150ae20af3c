package nl.camiso.server.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An account as stored, read at the start of a request.
 *
 * @param organisation         its organisation's short name, or null
 * @param passwordHash         null for a token-only account
 * @param id                   random and never reused: a deleted and re-created account of the same
 *                             name has another one, so tokens of the old account do not fit it; null
 *                             only for accounts that were never stored (some tests)
 * @param tokenGeneration      goes up with every password change; tokens carry the one they were issued in
 * @param credentialsChangedAt when the account was created or its password last changed
 */
public record Account(String name, String organisation, Set<Role> roles, List<Grant> grants, String passwordHash,
                      String id, long tokenGeneration, Instant credentialsChangedAt) {

    public Account {
        roles = Set.copyOf(roles);
        grants = List.copyOf(grants);
        credentialsChangedAt = credentialsChangedAt == null ? Instant.EPOCH : credentialsChangedAt;
    }

    /** An account that was never stored: no id, so no bearer token of this server fits it. */
    public Account(String name, String organisation, Set<Role> roles, List<Grant> grants, String passwordHash) {
        this(name, organisation, roles, grants, passwordHash, null, 0, Instant.EPOCH);
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

package nl.camiso.server.network;

import java.util.Set;
import java.util.function.Function;

/**
 * The readers of one collection, as the network says: everyone (anonymous included), every
 * account, or named organisations and accounts. Built by {@link NetworkSnapshot#audience}.
 */
public record Audience(boolean everyone, boolean allAccounts, Set<String> organisations, Set<String> accounts) {

    public static final Audience EVERYONE = new Audience(true, true, Set.of(), Set.of());
    public static final Audience ALL_ACCOUNTS = new Audience(false, true, Set.of(), Set.of());
    public static final Audience NOBODY = new Audience(false, false, Set.of(), Set.of());

    public Audience {
        organisations = Set.copyOf(organisations);
        accounts = Set.copyOf(accounts);
    }

    /** Whether an account (of this organisation, or none) is among the readers. */
    public boolean includes(String account, String organisation) {
        return allAccounts || accounts.contains(account) || organisation != null && organisations.contains(organisation);
    }

    /**
     * Whether every reader of {@code other} is a reader of this one.
     *
     * @param organisationOf an account's organisation (null when none or unknown)
     */
    public boolean covers(Audience other, Function<String, String> organisationOf) {
        if (everyone) {
            return true;
        }
        if (other.everyone) {
            return false;
        }
        if (allAccounts) {
            return true;
        }
        if (other.allAccounts || !organisations.containsAll(other.organisations)) {
            return false;
        }
        for (String account : other.accounts) {
            if (!includes(account, organisationOf.apply(account))) {
                return false;
            }
        }
        return true;
    }
}

package nl.camiso.server.network;

import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.InitiativeConfig;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.stix.marking.Tlp;

/**
 * Who may read and write which collection, written for the zero-leak tests from domain.md's table
 * and the documented write rule, independent of the server's access rules: the tests compare the
 * server's answers with this oracle, so a bug in the rules cannot hide behind the same bug here.
 */
final class AccessOracle {

    /** The account name the tests use for requests without credentials. */
    static final String ANONYMOUS = "(anonymous)";

    private final CamisoConfig config;

    AccessOracle(CamisoConfig config) {
        this.config = config;
    }

    String organisationOf(String account) {
        return config.account(account).map(AccountConfig::organisation).orElse(null);
    }

    boolean hasRole(String account, String role) {
        return config.account(account).map(a -> a.roles().stream().anyMatch(r -> r.label().equals(role))).orElse(false);
    }

    OrganisationConfig.Role roleOf(String organisation) {
        return config.organisations().stream().filter(o -> o.name().equals(organisation)).findFirst()
                .map(OrganisationConfig::role).orElse(null);
    }

    private InitiativeConfig initiative(String name) {
        return config.initiatives().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    /** The TLP level up to which an organisation reads an initiative's collections; null for non-members. */
    Tlp clearance(String organisation, String initiativeName) {
        InitiativeConfig i = initiative(initiativeName);
        if (i.organisation().equals(organisation)) {
            return Tlp.AMBER_STRICT;
        }
        return i.members().stream().filter(m -> m.organisation().equals(organisation)).findFirst()
                .map(InitiativeConfig.Member::clearance).orElse(null);
    }

    boolean mayRead(String account, CollectionConfig c) {
        if (account.equals(ANONYMOUS)) {
            return c.isPublic();
        }
        if (hasRole(account, "admin")) {
            return true;
        }
        if (hasRole(account, "supervisor")) {
            return false;
        }
        return switch (c.tlp()) {
            case CLEAR -> true;
            case RED -> c.redAccounts().contains(account);
            default -> {
                Tlp cl = clearance(organisationOf(account), c.initiative());
                yield cl != null && cl.compareTo(c.tlp()) >= 0;
            }
        };
    }

    boolean mayWrite(String account, CollectionConfig c) {
        if (account.equals(ANONYMOUS) || hasRole(account, "supervisor")) {
            return false;
        }
        if (hasRole(account, "admin")) {
            return true;
        }
        if (c.tlp() == Tlp.RED) {
            return c.redAccounts().contains(account);
        }
        String org = organisationOf(account);
        InitiativeConfig i = initiative(c.initiative());
        boolean hub = roleOf(i.organisation()) == OrganisationConfig.Role.HUB;
        if (i.organisation().equals(org)) {
            return true;
        }
        OrganisationConfig.Role role = roleOf(org);
        if (c.reporting()) {
            return clearance(org, c.initiative()) != null
                    && (!hub || role == OrganisationConfig.Role.INITIATIVE || role == OrganisationConfig.Role.INTERMEDIARY);
        }
        return hub && (role == OrganisationConfig.Role.SOURCE || role == OrganisationConfig.Role.INTERMEDIARY)
                && mayRead(account, c);
    }
}

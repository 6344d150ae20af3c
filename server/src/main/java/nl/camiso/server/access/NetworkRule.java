package nl.camiso.server.access;

import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.OrganisationConfig.Role;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.server.identity.Principal;

import java.util.Optional;
import java.util.Set;

/**
 * Read and write derived from membership and clearance (domain.md's table), for accounts.
 *
 * <p>Read, by the collection's TLP level:
 * <ul>
 *   <li>CLEAR: every account (public collections also anonymous: {@link PublicRule});</li>
 *   <li>GREEN, AMBER, AMBER+STRICT: organisations whose clearance for the owning initiative is at
 *       least the level (see {@link NetworkSnapshot#readsThroughNetwork} and
 *       {@link NetworkSnapshot#clearance}: the running organisation has
 *       every level; for the hub's community every participant has at least GREEN);</li>
 *   <li>RED: only the accounts named on the collection; membership gives nothing.</li>
 * </ul>
 *
 * <p>Write:
 * <ul>
 *   <li>RED: the named accounts;</li>
 *   <li>the organisation running the owning initiative: all its collections;</li>
 *   <li>the hub's collections: also its sources and intermediaries, up to their clearance (they
 *       publish into the hub);</li>
 *   <li>reporting collections: every member of the initiative, whatever its clearance (a member
 *       may report into an AMBER collection it cannot read); for the hub's reporting
 *       collection only its intermediaries and initiatives, since companies report to their
 *       initiative and the initiatives forward upwards.</li>
 * </ul>
 * Anything else abstains (closed by default); explicit grants remain an override.
 */
public final class NetworkRule implements AccessRule {

    private final CollectionSettings settings;
    private final Network network;

    public NetworkRule(CollectionSettings settings, Network network) {
        this.settings = settings;
        this.network = network;
    }

    @Override
    public Vote vote(Principal principal, CollectionInfo collection, Access access) {
        if (!principal.isAuthenticated()) {
            return Vote.ABSTAIN;
        }
        Optional<CollectionConfig> cfg = settings.of(collection);
        if (cfg.isEmpty() || cfg.get().tlp() == null) {
            return Vote.ABSTAIN;
        }
        NetworkSnapshot net = network.current();
        boolean allowed = access == Access.READ
                ? net.readsThroughNetwork(principal.name(), principal.organisation(), cfg.get())
                : mayWrite(net, principal.name(), principal.organisation(), cfg.get());
        return allowed ? Vote.ALLOW : Vote.ABSTAIN;
    }

    static boolean mayWrite(NetworkSnapshot net, String account, String organisation, CollectionConfig c) {
        if (c.tlp() == Tlp.RED) {
            return net.redAccounts(c.id()).contains(account);
        }
        Optional<String> runner = net.runnerOf(c.initiative());
        if (runner.isEmpty() || organisation == null) {
            return false;
        }
        if (runner.get().equals(organisation)) {
            return true;
        }
        Role role = net.roleOf(organisation).orElse(null);
        boolean hub = net.isHubOwned(c.initiative());
        if (c.reporting()) {
            return net.isMember(organisation, c.initiative())
                    && (!hub || Set.of(Role.INTERMEDIARY, Role.INITIATIVE).contains(role));
        }
        return hub && (role == Role.SOURCE || role == Role.INTERMEDIARY)
                && net.readsThroughNetwork(account, organisation, c);
    }
}

package nl.camiso.server.network;

import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.InitiativeConfig;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.config.OrganisationConfig.Role;
import nl.camiso.stix.marking.Tlp;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network as it was at one moment: organisations, initiatives with their members and
 * clearance, and the named accounts of each TLP:RED collection. Immutable, so that one request
 * decides against one consistent state; {@link Network} swaps in a new one after a change.
 *
 * @param version     the database's change counter when read (0 for one built from the configuration)
 * @param redAccounts collection id to the account names that may use it
 */
public record NetworkSnapshot(long version, Map<String, Organisation> organisations,
                              Map<String, Initiative> initiatives, Map<String, Set<String>> redAccounts) {

    public static final NetworkSnapshot EMPTY = new NetworkSnapshot(0, Map.of(), Map.of(), Map.of());

    public NetworkSnapshot {
        organisations = Collections.unmodifiableMap(new LinkedHashMap<>(organisations));
        initiatives = Collections.unmodifiableMap(new LinkedHashMap<>(initiatives));
        Map<String, Set<String>> red = new LinkedHashMap<>();
        redAccounts.forEach((k, v) -> red.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        redAccounts = Collections.unmodifiableMap(red);
    }

    /** The network exactly as the configuration file describes it (tests, and checks of the samples). */
    public static NetworkSnapshot fromConfig(CamisoConfig config) {
        Map<String, Organisation> orgs = new LinkedHashMap<>();
        for (OrganisationConfig o : config.organisations()) {
            orgs.put(o.name(), new Organisation(o.name(), o.title(), o.role(), o.identity()));
        }
        Map<String, Initiative> inits = new LinkedHashMap<>();
        for (InitiativeConfig i : config.initiatives()) {
            Map<String, Tlp> members = new LinkedHashMap<>();
            i.members().forEach(m -> members.put(m.organisation(), m.clearance()));
            inits.put(i.name(), new Initiative(i.name(), i.title(), i.organisation(), members));
        }
        Map<String, Set<String>> red = new LinkedHashMap<>();
        for (ApiRootConfig r : config.apiRoots()) {
            for (CollectionConfig c : r.collections()) {
                if (!c.redAccounts().isEmpty()) {
                    red.put(c.id(), new LinkedHashSet<>(c.redAccounts()));
                }
            }
        }
        return new NetworkSnapshot(0, orgs, inits, red);
    }

    public Optional<Organisation> organisation(String name) {
        return Optional.ofNullable(name == null ? null : organisations.get(name));
    }

    public Set<String> redAccounts(String collectionId) {
        return redAccounts.getOrDefault(collectionId, Set.of());
    }

    /**
     * The organisation that runs the owner of a collection: the initiative's organisation, or the
     * owner itself when a collection names the hub organisation directly.
     */
    public Optional<String> runnerOf(String owner) {
        if (owner == null) {
            return Optional.empty();
        }
        Initiative i = initiatives.get(owner);
        if (i != null) {
            return Optional.of(i.organisation());
        }
        return organisation(owner).filter(o -> o.role() == Role.HUB).map(Organisation::name);
    }

    /** Whether the owner (initiative or hub organisation) of a collection is run by the hub. */
    public boolean isHubOwned(String owner) {
        return runnerOf(owner).flatMap(this::organisation).map(o -> o.role() == Role.HUB).orElse(false);
    }

    /**
     * An organisation's clearance for the collections of an owner (initiative or hub organisation):
     * <ul>
     *   <li>the organisation running it: AMBER+STRICT (it holds the information anyway);</li>
     *   <li>a member: its recorded clearance;</li>
     *   <li>for the hub's community, every participant of the network (a member of any initiative):
     *       at least GREEN, as domain.md says ("for the hub: all participants");</li>
     *   <li>else none.</li>
     * </ul>
     */
    public Optional<Tlp> clearance(String organisation, String owner) {
        if (organisation == null || owner == null || !organisations.containsKey(organisation)) {
            return Optional.empty();
        }
        Optional<String> runner = runnerOf(owner);
        if (runner.isEmpty()) {
            return Optional.empty();
        }
        if (runner.get().equals(organisation)) {
            return Optional.of(Tlp.AMBER_STRICT);
        }
        Initiative i = initiatives.get(owner);
        Tlp member = i == null ? null : i.members().get(organisation);
        if (member != null) {
            return Optional.of(member);
        }
        if (isHubOwned(owner) && isParticipant(organisation)) {
            return Optional.of(Tlp.GREEN);
        }
        return Optional.empty();
    }

    /** Whether an organisation is a member of the owner's initiative (any clearance) or runs it. */
    public boolean isMember(String organisation, String owner) {
        if (organisation == null || owner == null) {
            return false;
        }
        if (runnerOf(owner).map(organisation::equals).orElse(false)) {
            return true;
        }
        Initiative i = initiatives.get(owner);
        return i != null && i.members().containsKey(organisation);
    }

    /** A member of at least one initiative (or the hub itself). */
    public boolean isParticipant(String organisation) {
        if (organisation(organisation).map(o -> o.role() == Role.HUB).orElse(false)) {
            return true;
        }
        for (Initiative i : initiatives.values()) {
            if (i.members().containsKey(organisation) || i.organisation().equals(organisation)) {
                return true;
            }
        }
        return false;
    }

    /** The organisation names in use by initiatives (as runner or member), for delete checks. */
    public Set<String> initiativesUsing(String organisation) {
        Set<String> out = new HashSet<>();
        initiatives.values().forEach(i -> {
            if (i.organisation().equals(organisation) || i.members().containsKey(organisation)) {
                out.add(i.name());
            }
        });
        return out;
    }
}

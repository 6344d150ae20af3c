package nl.camiso.server.network;

import nl.camiso.server.identity.Grant;
import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.AddressOrDomain;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.InitiativeConfig;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.config.OrganisationConfig.Role;
import nl.camiso.stix.marking.Tlp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The network as it was at one moment: organisations, initiatives with their members and
 * clearance, the named accounts of each TLP:RED collection, and each account's organisation and
 * read grants. Immutable, so that one request decides against one consistent state; {@link Network}
 * swaps in a new one after a change. It is the one answer to "who reads this collection" for
 * access, ingest and forwarding alike; the configuration file only seeds the database it is read from.
 *
 * <p>Audiences are computed once per snapshot and collection and then kept, so ingest asks them for
 * every envelope without a query.
 */
public final class NetworkSnapshot {

    public static final NetworkSnapshot EMPTY = new NetworkSnapshot(0, Map.of(), Map.of(), Map.of(), Map.of());

    /**
     * An account as the network sees it.
     *
     * @param organisation its organisation, or null
     * @param readGrants   the collections (id, or {@link Grant#ALL_COLLECTIONS} of an API root) it was granted read on
     */
    public record AccountEntry(String organisation, List<Grant> readGrants) {
        public AccountEntry {
            readGrants = List.copyOf(readGrants);
        }
    }

    private final long version;
    private final Map<String, Organisation> organisations;
    private final Map<String, Initiative> initiatives;
    private final Map<String, Set<String>> redAccounts;
    private final Map<String, AccountEntry> accounts;
    private final Map<String, List<String>> ownEntries;
    /** When this snapshot was built: everything in it was committed before then. */
    private final java.time.Instant readAt = java.time.Instant.now();
    private final ConcurrentMap<String, Audience> audiences = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> covers = new ConcurrentHashMap<>();

    /**
     * @param version     the database's change counter when read (0 for one built from the configuration)
     * @param redAccounts collection id to the account names that may use it
     * @param accounts    account name to its organisation and read grants
     */
    public NetworkSnapshot(long version, Map<String, Organisation> organisations, Map<String, Initiative> initiatives,
                           Map<String, Set<String>> redAccounts, Map<String, AccountEntry> accounts) {
        this(version, organisations, initiatives, redAccounts, accounts, Map.of());
    }

    /**
     * @param ownEntries organisation name to its own networks and domains (canonical form), which
     *                   no feed gives to its accounts
     */
    public NetworkSnapshot(long version, Map<String, Organisation> organisations, Map<String, Initiative> initiatives,
                           Map<String, Set<String>> redAccounts, Map<String, AccountEntry> accounts,
                           Map<String, List<String>> ownEntries) {
        this.version = version;
        Map<String, List<String>> own = new LinkedHashMap<>();
        ownEntries.forEach((k, v) -> own.put(k, List.copyOf(v)));
        this.ownEntries = Collections.unmodifiableMap(own);
        this.organisations = Collections.unmodifiableMap(new LinkedHashMap<>(organisations));
        this.initiatives = Collections.unmodifiableMap(new LinkedHashMap<>(initiatives));
        Map<String, Set<String>> red = new LinkedHashMap<>();
        redAccounts.forEach((k, v) -> red.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        this.redAccounts = Collections.unmodifiableMap(red);
        this.accounts = Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
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
        Map<String, AccountEntry> accounts = new LinkedHashMap<>();
        for (AccountConfig a : config.accounts()) {
            List<Grant> grants = new ArrayList<>();
            for (AccountConfig.GrantConfig g : a.grants()) {
                if (g.read()) {
                    String collection = config.apiRoot(g.apiRoot()).flatMap(r -> r.collection(g.collection()))
                            .map(CollectionConfig::id).orElse(g.collection());
                    grants.add(new Grant(g.apiRoot(), collection, true, g.write()));
                }
            }
            accounts.put(a.name(), new AccountEntry(a.organisation(), grants));
        }
        Map<String, List<String>> own = new LinkedHashMap<>();
        (config.server() == null ? Map.<String, List<String>>of() : config.server().feeds().organisationAllowLists()).forEach((org, entries) -> own.put(org, entries.stream()
                .map(e -> AddressOrDomain.canonical(e).orElse(e)).distinct().sorted().toList()));
        return new NetworkSnapshot(0, orgs, inits, red, accounts, own);
    }

    /** The same network with other named RED accounts (tests). */
    public NetworkSnapshot withRedAccounts(Map<String, Set<String>> red) {
        return new NetworkSnapshot(version, organisations, initiatives, red, accounts, ownEntries);
    }

    public long version() {
        return version;
    }

    public Map<String, Organisation> organisations() {
        return organisations;
    }

    public Map<String, Initiative> initiatives() {
        return initiatives;
    }

    public Map<String, Set<String>> redAccounts() {
        return redAccounts;
    }

    public Map<String, AccountEntry> accounts() {
        return accounts;
    }

    /** An organisation's own networks and domains (canonical form, sorted); empty for none or an unknown one. */
    public List<String> ownEntries(String organisation) {
        return organisation == null ? List.of() : ownEntries.getOrDefault(organisation, List.of());
    }

    /** When this snapshot was read; every change it shows was committed before. */
    public java.time.Instant readAt() {
        return readAt;
    }

    /** Every organisation's own networks and domains, by organisation name. */
    public Map<String, List<String>> ownEntries() {
        return ownEntries;
    }

    /** The role of an organisation; empty for an unknown one. */
    public Optional<OrganisationConfig.Role> roleOf(String organisation) {
        return organisation(organisation).map(Organisation::role);
    }

    /** The organisation whose STIX identity has this id. */
    public Optional<Organisation> organisationByIdentity(String identityId) {
        if (identityId == null) {
            return Optional.empty();
        }
        return organisations.values().stream().filter(o -> identityId.equals(o.identity())).findFirst();
    }

    // --- audiences ------------------------------------------------------------------------------------

    /**
     * Whether the network lets an account of an organisation read a collection (domain.md's table):
     * CLEAR every account; RED only the named accounts; otherwise organisations whose clearance
     * for the owner is at least the collection's level. Explicit grants are not part of this
     * (they are an override decided by the access rules); {@link #audience} counts them.
     */
    public boolean readsThroughNetwork(String account, String organisation, CollectionConfig c) {
        if (c.tlp() == null) {
            return false;
        }
        return switch (c.tlp()) {
            case CLEAR -> true;
            case RED -> redAccounts(c.id()).contains(account);
            default -> clearance(organisation, c.initiative())
                    .map(clearance -> !c.tlp().isStricterThan(clearance)).orElse(false);
        };
    }

    /** Whether a known account may read a collection, through the network or a read grant. */
    public boolean mayRead(String account, String apiRoot, CollectionConfig c) {
        return audience(apiRoot, c).includes(account, accountOrganisation(account));
    }

    private String accountOrganisation(String account) {
        AccountEntry e = accounts.get(account);
        return e == null ? null : e.organisation();
    }

    /**
     * Who reads a collection: everyone (public), every account (CLEAR), or named organisations
     * and accounts (read grants included). Accounts with the admin role read everything and so
     * never matter; a collection without a TLP level has no known reader.
     */
    public Audience audience(String apiRoot, CollectionConfig c) {
        return audiences.computeIfAbsent(apiRoot + '\n' + c.id(), k -> computeAudience(apiRoot, c));
    }

    private Audience computeAudience(String apiRoot, CollectionConfig c) {
        if (c.isPublic()) {
            return Audience.EVERYONE;
        }
        if (c.tlp() == null) {
            return Audience.NOBODY;
        }
        if (c.tlp() == Tlp.CLEAR) {
            return Audience.ALL_ACCOUNTS;
        }
        Set<String> orgs = new HashSet<>();
        Set<String> names = new HashSet<>();
        if (c.tlp() == Tlp.RED) {
            names.addAll(redAccounts(c.id()));
        } else {
            for (String o : organisations.keySet()) {
                if (readsThroughNetwork(null, o, c)) {
                    orgs.add(o);
                }
            }
        }
        accounts.forEach((name, a) -> {
            if (a.readGrants().stream().anyMatch(g -> g.apiRoot().equals(apiRoot)
                    && (Grant.ALL_COLLECTIONS.equals(g.collection()) || g.collection().equals(c.id())))) {
                names.add(name);
            }
        });
        return new Audience(false, false, orgs, names);
    }

    /**
     * Whether everyone who reads {@code inner} also reads {@code outer} (both of one API root): an
     * object in {@code inner} may then refer to what is in {@code outer} without showing its
     * readers anything they could not see. A collection without a TLP level as {@code inner}
     * must be covered for everyone.
     */
    public boolean audienceCovers(String apiRoot, CollectionConfig outer, CollectionConfig inner) {
        if (outer.id().equals(inner.id())) {
            return true;
        }
        return covers.computeIfAbsent(apiRoot + '\n' + outer.id() + '\n' + inner.id(), k -> {
            Audience in = inner.tlp() == null && !inner.isPublic() ? Audience.EVERYONE : audience(apiRoot, inner);
            return audience(apiRoot, outer).covers(in, this::accountOrganisation);
        });
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

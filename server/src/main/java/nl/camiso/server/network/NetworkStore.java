package nl.camiso.server.network;

import nl.camiso.server.identity.Grant;
import nl.camiso.server.config.AddressOrDomain;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.InitiativeConfig;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.network.NetworkException.Kind;
import nl.camiso.stix.marking.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The network in the database: organisations, initiatives and members, RED accounts, in the
 * {@link NetworkTables} ({@code storage.JdbcNetworkTables}). This class decides what may change
 * and checks it in the same transaction as the change. Every change moves the network's version
 * in that transaction, which is how every server instance on this database notices it.
 *
 * <p>Collections stay in the configuration file; this store only checks against them (a
 * collection's owner cannot be deleted; RED accounts only on RED collections).
 */
public final class NetworkStore {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkStore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,99}");
    private static final Pattern IDENTITY_ID = Pattern.compile(
            "identity--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final NetworkTables tables;
    private final CamisoConfig config;

    /** @param config the collections (owners, TLP levels) changes are checked against */
    public NetworkStore(NetworkTables tables, CamisoConfig config) {
        this.tables = tables;
        this.config = config;
    }

    // --- reading --------------------------------------------------------------------------------

    /** The change counter: one indexed row, cheap enough to ask every few seconds. */
    public long version() {
        return tables.inTransaction(NetworkTables.Rows::version);
    }

    /** The whole network (accounts' organisations and read grants included), read in one transaction. */
    public NetworkSnapshot load() {
        return tables.inTransaction(rows -> {
            long version = rows.version();
            Map<String, Organisation> orgs = new LinkedHashMap<>();
            rows.organisations().forEach(o -> orgs.put(o.name(), o));
            List<NetworkTables.InitiativeRow> heads = rows.initiatives();
            Map<String, Map<String, Tlp>> members = new LinkedHashMap<>();
            for (NetworkTables.Membership m : rows.memberships()) {
                members.computeIfAbsent(m.initiative(), k -> new LinkedHashMap<>()).put(m.organisation(), m.clearance());
            }
            Map<String, Initiative> inits = new LinkedHashMap<>();
            heads.forEach(h -> inits.put(h.name(), new Initiative(h.name(), h.title(), h.organisation(),
                    members.getOrDefault(h.name(), Map.of()))));
            Map<String, Set<String>> red = new LinkedHashMap<>();
            for (NetworkTables.RedAccount r : rows.redAccounts()) {
                red.computeIfAbsent(r.collectionId(), k -> new LinkedHashSet<>()).add(r.account());
            }
            Map<String, String> accountOrganisations = rows.accountOrganisations();
            Map<String, List<Grant>> readGrants = rows.readGrants();
            Map<String, NetworkSnapshot.AccountEntry> accounts = new LinkedHashMap<>();
            accountOrganisations.forEach((name, org) -> accounts.put(name,
                    new NetworkSnapshot.AccountEntry(org, readGrants.getOrDefault(name, List.of()))));
            Map<String, List<String>> own = new LinkedHashMap<>();
            for (NetworkTables.OwnEntry e : rows.ownEntries()) {
                own.computeIfAbsent(e.organisation(), k -> new ArrayList<>()).add(e.entry());
            }
            return new NetworkSnapshot(version, orgs, inits, red, accounts, own);
        });
    }

    // --- seeding ----------------------------------------------------------------------------------

    /**
     * Creates what the configuration describes and was never seeded before: each organisation,
     * initiative, membership and RED account once (marker rows in {@code camiso_seed}), so that
     * later changes through the CLI or the admin API are never undone by a restart, while a new
     * entry in the file is still picked up. A RED account is seeded only once its account exists.
     */
    public void seed(CamisoConfig cfg) {
        tables.inTransaction(rows -> {
            boolean changed = false;
            for (OrganisationConfig o : cfg.organisations()) {
                if (firstTime(rows, "organisation:" + o.name()) && !rows.organisationExists(o.name())) {
                    rows.insertOrganisation(new Organisation(o.name(), o.title(), o.role(), o.identity()));
                    changed = true;
                }
            }
            for (InitiativeConfig i : cfg.initiatives()) {
                if (firstTime(rows, "initiative:" + i.name()) && !rows.initiativeExists(i.name())
                        && rows.organisationExists(i.organisation())) {
                    rows.insertInitiative(i.name(), i.title(), i.organisation());
                    changed = true;
                }
                for (InitiativeConfig.Member m : i.members()) {
                    if (firstTime(rows, "member:" + i.name() + ":" + m.organisation())
                            && rows.initiativeExists(i.name())
                            && rows.organisationExists(m.organisation())) {
                        rows.putMember(i.name(), m.organisation(), m.clearance());
                        changed = true;
                    }
                }
            }
            for (ApiRootConfig r : cfg.apiRoots()) {
                for (CollectionConfig col : r.collections()) {
                    for (String account : col.redAccounts()) {
                        String key = "red:" + col.id() + ":" + account;
                        if (!rows.seeded(key) && rows.accountExists(account)) {
                            rows.markSeeded(key);
                            rows.addRedAccount(col.id(), account);
                            changed = true;
                        }
                    }
                }
            }
            for (Map.Entry<String, List<String>> o : cfg.server().feeds().organisationAllowLists().entrySet()) {
                for (String entry : o.getValue() == null ? List.<String>of() : o.getValue()) {
                    String canonical = AddressOrDomain.canonical(entry).orElse(null);
                    if (canonical != null && firstTime(rows, "own:" + o.getKey() + ":" + canonical)
                            && rows.organisationExists(o.getKey())) {
                        rows.addOwnEntry(o.getKey(), canonical);
                        changed = true;
                    }
                }
            }
            if (changed) {
                rows.bump();
                LOG.info("Network (organisations, initiatives, RED accounts, own networks) seeded from the configuration");
            }
            return null;
        });
    }

    /** Marks the key seeded; true when it was not before. */
    private static boolean firstTime(NetworkTables.Rows rows, String key) {
        if (rows.seeded(key)) {
            return false;
        }
        rows.markSeeded(key);
        return true;
    }

    // --- organisations ------------------------------------------------------------------------------

    /** Creates or updates an organisation. @return true when created */
    public boolean putOrganisation(Organisation o) {
        checkName(o.name(), "organisation");
        if (o.title() == null || o.title().isBlank()) {
            throw new NetworkException(Kind.INVALID, "an organisation needs a title");
        }
        if (o.role() == null) {
            throw new NetworkException(Kind.INVALID, "an organisation needs a role (hub, source, intermediary, initiative, member, supervisor)");
        }
        if (o.identity() != null && !IDENTITY_ID.matcher(o.identity()).matches()) {
            throw new NetworkException(Kind.INVALID, "'" + o.identity() + "' is not a STIX identity id (identity--<UUID v4>)");
        }
        return tables.inTransaction(rows -> {
            boolean created = !rows.organisationExists(o.name());
            if (created) {
                rows.insertOrganisation(o);
            } else {
                rows.updateOrganisation(o);
            }
            rows.bump();
            return created;
        });
    }

    /**
     * Deletes an organisation and its memberships. Refused while it runs an initiative, owns a
     * collection or has accounts (move or delete those first).
     *
     * @return false when there was no such organisation
     */
    public boolean deleteOrganisation(String name) {
        return tables.inTransaction(rows -> {
            if (!rows.organisationExists(name)) {
                return false;
            }
            List<String> runs = rows.initiativesRunBy(name);
            if (!runs.isEmpty()) {
                throw new NetworkException(Kind.CONFLICT, "organisation '" + name + "' runs initiative(s) " + runs
                        + "; delete them or give them another organisation first");
            }
            if (!collectionsOwnedBy(name).isEmpty()) {
                throw new NetworkException(Kind.CONFLICT, "organisation '" + name + "' owns collection(s) "
                        + collectionsOwnedBy(name) + " in the configuration");
            }
            List<String> accounts = rows.accountsOf(name);
            if (!accounts.isEmpty()) {
                throw new NetworkException(Kind.CONFLICT, "organisation '" + name + "' still has account(s) " + accounts
                        + "; delete them or move them to another organisation first");
            }
            rows.deleteOrganisation(name);
            rows.bump();
            return true;
        });
    }

    public boolean organisationExists(String name) {
        return tables.inTransaction(rows -> rows.organisationExists(name));
    }

    // --- initiatives ---------------------------------------------------------------------------------

    /**
     * Creates or updates an initiative.
     *
     * @param members when not null, replaces the member list
     * @return true when created
     */
    public boolean putInitiative(String name, String title, String organisation, Map<String, Tlp> members) {
        checkName(name, "initiative");
        if (title == null || title.isBlank()) {
            throw new NetworkException(Kind.INVALID, "an initiative needs a title");
        }
        if (members != null) {
            members.values().forEach(NetworkStore::checkClearance);
        }
        return tables.inTransaction(rows -> {
            requireOrganisation(rows, organisation);
            if (members != null) {
                for (String m : members.keySet()) {
                    requireOrganisation(rows, m);
                }
            }
            boolean created = !rows.initiativeExists(name);
            if (created) {
                rows.insertInitiative(name, title, organisation);
            } else {
                rows.updateInitiative(name, title, organisation);
            }
            if (members != null) {
                rows.removeMembers(name);
                for (Map.Entry<String, Tlp> m : members.entrySet()) {
                    rows.putMember(name, m.getKey(), m.getValue());
                }
            }
            rows.bump();
            return created;
        });
    }

    /** @return false when there was no such initiative; refused while a collection belongs to it */
    public boolean deleteInitiative(String name) {
        return tables.inTransaction(rows -> {
            if (!rows.initiativeExists(name)) {
                return false;
            }
            if (!collectionsOwnedBy(name).isEmpty()) {
                throw new NetworkException(Kind.CONFLICT, "initiative '" + name + "' owns collection(s) "
                        + collectionsOwnedBy(name) + " in the configuration");
            }
            rows.deleteInitiative(name);
            rows.bump();
            return true;
        });
    }

    /** Adds a member or changes its clearance. @return true when added */
    public boolean putMember(String initiative, String organisation, Tlp clearance) {
        checkClearance(clearance);
        return tables.inTransaction(rows -> {
            requireInitiative(rows, initiative);
            requireOrganisation(rows, organisation);
            boolean added = rows.putMember(initiative, organisation, clearance);
            rows.bump();
            return added;
        });
    }

    /** @return false when the organisation was no member */
    public boolean removeMember(String initiative, String organisation) {
        return tables.inTransaction(rows -> {
            requireInitiative(rows, initiative);
            boolean removed = rows.removeMember(initiative, organisation);
            if (removed) {
                rows.bump();
            }
            return removed;
        });
    }

    // --- RED accounts -----------------------------------------------------------------------------------

    /** Replaces the named accounts of a TLP:RED collection (by id). */
    public void setRedAccounts(String collectionId, Collection<String> accounts) {
        requireRed(collectionId);
        tables.inTransaction(rows -> {
            for (String a : accounts) {
                requireAccount(rows, a);
            }
            rows.clearRedAccounts(collectionId);
            for (String a : new LinkedHashSet<>(accounts)) {
                rows.addRedAccount(collectionId, a);
            }
            rows.bump();
            return null;
        });
    }

    /** @return true when added (false: already named) */
    public boolean addRedAccount(String collectionId, String account) {
        requireRed(collectionId);
        return tables.inTransaction(rows -> {
            requireAccount(rows, account);
            if (rows.isRedAccount(collectionId, account)) {
                return false;
            }
            rows.addRedAccount(collectionId, account);
            rows.bump();
            return true;
        });
    }

    /** @return false when the account was not named */
    public boolean removeRedAccount(String collectionId, String account) {
        return tables.inTransaction(rows -> {
            boolean removed = rows.removeRedAccount(collectionId, account);
            if (removed) {
                rows.bump();
            }
            return removed;
        });
    }

    // --- an organisation's own networks and domains (never in the feeds its accounts read) -------------

    /**
     * The canonical form of an own network or domain ({@link AddressOrDomain#canonical}); the one
     * check for the admin API and the CLI alike.
     */
    public static String ownEntry(String text) {
        if (text == null || text.isBlank()) {
            throw new NetworkException(Kind.INVALID, "give an IP address, a CIDR block or a domain name");
        }
        return AddressOrDomain.canonical(text.trim()).orElseThrow(() -> new NetworkException(Kind.INVALID,
                "'" + text + "' is not an IP address, CIDR block or domain name"));
    }

    /**
     * Adds one of an organisation's own networks or domains.
     *
     * @return the entry in canonical form and whether it was added (false: it was there already)
     */
    public Map.Entry<String, Boolean> addOwnEntry(String organisation, String text) {
        String entry = ownEntry(text);
        return tables.inTransaction(rows -> {
            requireExistingOrganisation(rows, organisation);
            boolean added = rows.addOwnEntry(organisation, entry);
            if (added) {
                rows.bump();
            }
            return Map.entry(entry, added);
        });
    }

    /** @return false when the organisation had no such entry */
    public boolean removeOwnEntry(String organisation, String text) {
        String entry = ownEntry(text);
        return tables.inTransaction(rows -> {
            requireExistingOrganisation(rows, organisation);
            boolean removed = rows.removeOwnEntry(organisation, entry);
            if (removed) {
                rows.bump();
            }
            return removed;
        });
    }

    private static void requireExistingOrganisation(NetworkTables.Rows rows, String name) {
        if (name == null || !rows.organisationExists(name)) {
            throw new NetworkException(Kind.NOT_FOUND, "no organisation '" + name + "'");
        }
    }

    /** Marks the network as changed, e.g. after an account was deleted or moved, so every instance re-reads. */
    public void touch() {
        tables.inTransaction(rows -> {
            rows.bump();
            return null;
        });
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A collection by id or alias in any API root of the configuration. */
    public Optional<CollectionConfig> collection(String idOrAlias) {
        for (ApiRootConfig r : config.apiRoots()) {
            Optional<CollectionConfig> c = r.collection(idOrAlias);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** The id of a TLP:RED collection given by id or alias; refused for another collection or none. */
    public String redCollection(String idOrAlias) {
        CollectionConfig col = collection(idOrAlias)
                .orElseThrow(() -> new NetworkException(Kind.NOT_FOUND, "no collection '" + idOrAlias + "'"));
        if (col.tlp() != Tlp.RED) {
            throw new NetworkException(Kind.INVALID, "collection '" + idOrAlias + "' is TLP:" + col.tlp().label()
                    + "; only a TLP:RED collection names accounts");
        }
        return col.id();
    }

    private void requireRed(String collectionId) {
        if (!redCollection(collectionId).equals(collectionId)) {
            throw new NetworkException(Kind.INVALID, "give the collection id, not its alias");
        }
    }

    private List<String> collectionsOwnedBy(String owner) {
        List<String> out = new ArrayList<>();
        for (ApiRootConfig r : config.apiRoots()) {
            for (CollectionConfig col : r.collections()) {
                if (owner.equals(col.initiative())) {
                    out.add(col.alias() != null ? col.alias() : col.id());
                }
            }
        }
        return out;
    }

    private static void checkName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NetworkException(Kind.INVALID, "'" + name + "' is not a valid " + what
                    + " name (letters, digits, '.', '_', '~', '-'; at most 100)");
        }
    }

    private static void checkClearance(Tlp clearance) {
        if (clearance == null || clearance == Tlp.CLEAR || clearance == Tlp.RED) {
            throw new NetworkException(Kind.INVALID, "a clearance is GREEN, AMBER or AMBER+STRICT"
                    + " (RED goes to named accounts on a collection)");
        }
    }

    /** Parses a clearance label (GREEN, AMBER, AMBER+STRICT), refusing the others. */
    public static Tlp parseClearance(String label) {
        Tlp t;
        try {
            t = Tlp.fromLabel(label == null ? "" : label);
        } catch (IllegalArgumentException e) {
            t = null;
        }
        checkClearance(t);
        return t;
    }

    /** Parses an organisation role label. */
    public static OrganisationConfig.Role parseRole(String label) {
        try {
            return OrganisationConfig.Role.valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new NetworkException(Kind.INVALID, "unknown role '" + label
                    + "' (allowed: hub, source, intermediary, initiative, member, supervisor)");
        }
    }

    private static void requireOrganisation(NetworkTables.Rows rows, String name) {
        if (name == null || !rows.organisationExists(name)) {
            throw new NetworkException(Kind.INVALID, "no organisation '" + name + "'");
        }
    }

    private static void requireInitiative(NetworkTables.Rows rows, String name) {
        if (!rows.initiativeExists(name)) {
            throw new NetworkException(Kind.NOT_FOUND, "no initiative '" + name + "'");
        }
    }

    private static void requireAccount(NetworkTables.Rows rows, String name) {
        if (!rows.accountExists(name)) {
            throw new NetworkException(Kind.INVALID, "no account '" + name + "'");
        }
    }
}

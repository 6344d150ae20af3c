package nl.camiso.server.network;

import nl.camiso.server.identity.Grant;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.InitiativeConfig;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.network.NetworkException.Kind;
import nl.camiso.server.storage.Database;
import nl.camiso.stix.marking.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
 * The network in the database (schema: db/migration/V3_0__network.sql): organisations,
 * initiatives and members, RED accounts. Every change increments {@code camiso_network_version}
 * in the same transaction, which is how every server instance on this database notices it.
 *
 * <p>Plain JDBC inside Hibernate's transaction: the rows are simple and the queries few.
 * Collections stay in the configuration file; this store only checks against them (a
 * collection's owner cannot be deleted; RED accounts only on RED collections).
 */
public final class NetworkStore {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkStore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,99}");
    private static final Pattern IDENTITY_ID = Pattern.compile(
            "identity--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final Database database;
    private final CamisoConfig config;

    /** @param config the collections (owners, TLP levels) changes are checked against */
    public NetworkStore(Database database, CamisoConfig config) {
        this.database = database;
        this.config = config;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T jdbc(Work<T> work) {
        return database.inTransaction(s -> s.doReturningWork(c -> {
            try {
                return work.run(c);
            } catch (SQLException e) {
                throw new IllegalStateException("network tables: " + e.getMessage(), e);
            }
        }));
    }

    // --- reading --------------------------------------------------------------------------------

    /** The change counter: one indexed row, cheap enough to ask every few seconds. */
    public long version() {
        return jdbc(NetworkStore::version);
    }

    private static long version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM camiso_network_version WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The whole network (accounts' organisations and read grants included), read in one transaction. */
    public NetworkSnapshot load() {
        return jdbc(c -> {
            long version = version(c);
            Map<String, Organisation> orgs = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, title, role, identity_id FROM camiso_organisation ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.put(rs.getString(1), new Organisation(rs.getString(1), rs.getString(2),
                            OrganisationConfig.Role.valueOf(rs.getString(3)), rs.getString(4)));
                }
            }
            Map<String, String[]> heads = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, title, organisation FROM camiso_initiative ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3)});
                }
            }
            Map<String, Map<String, Tlp>> members = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT initiative, organisation, clearance FROM camiso_initiative_member ORDER BY initiative, organisation");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), Tlp.valueOf(rs.getString(3)));
                }
            }
            Map<String, Initiative> inits = new LinkedHashMap<>();
            heads.forEach((name, h) -> inits.put(name, new Initiative(name, h[0], h[1],
                    members.getOrDefault(name, Map.of()))));
            Map<String, Set<String>> red = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT collection_id, account_name FROM camiso_red_account ORDER BY collection_id, account_name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    red.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            }
            Map<String, String> accountOrganisations = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, organisation FROM camiso_account ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accountOrganisations.put(rs.getString(1), rs.getString(2));
                }
            }
            Map<String, List<Grant>> readGrants = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account_name, api_root, collection, can_write FROM camiso_grant WHERE can_read = TRUE"
                            + " ORDER BY account_name, api_root, collection");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    readGrants.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Grant(rs.getString(2), rs.getString(3), true, rs.getBoolean(4)));
                }
            }
            Map<String, NetworkSnapshot.AccountEntry> accounts = new LinkedHashMap<>();
            accountOrganisations.forEach((name, org) -> accounts.put(name,
                    new NetworkSnapshot.AccountEntry(org, readGrants.getOrDefault(name, List.of()))));
            return new NetworkSnapshot(version, orgs, inits, red, accounts);
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
        jdbc(c -> {
            boolean changed = false;
            for (OrganisationConfig o : cfg.organisations()) {
                if (firstTime(c, "organisation:" + o.name()) && !exists(c, "camiso_organisation", o.name())) {
                    insertOrganisation(c, new Organisation(o.name(), o.title(), o.role(), o.identity()));
                    changed = true;
                }
            }
            for (InitiativeConfig i : cfg.initiatives()) {
                if (firstTime(c, "initiative:" + i.name()) && !exists(c, "camiso_initiative", i.name())
                        && exists(c, "camiso_organisation", i.organisation())) {
                    insertInitiative(c, i.name(), i.title(), i.organisation());
                    changed = true;
                }
                for (InitiativeConfig.Member m : i.members()) {
                    if (firstTime(c, "member:" + i.name() + ":" + m.organisation())
                            && exists(c, "camiso_initiative", i.name())
                            && exists(c, "camiso_organisation", m.organisation())) {
                        upsertMember(c, i.name(), m.organisation(), m.clearance());
                        changed = true;
                    }
                }
            }
            for (ApiRootConfig r : cfg.apiRoots()) {
                for (CollectionConfig col : r.collections()) {
                    for (String account : col.redAccounts()) {
                        String key = "red:" + col.id() + ":" + account;
                        if (!seeded(c, key) && exists(c, "camiso_account", account)) {
                            markSeeded(c, key);
                            addRed(c, col.id(), account);
                            changed = true;
                        }
                    }
                }
            }
            if (changed) {
                bump(c);
                LOG.info("Network (organisations, initiatives, RED accounts) seeded from the configuration");
            }
            return null;
        });
    }

    private static boolean firstTime(Connection c, String key) throws SQLException {
        if (seeded(c, key)) {
            return false;
        }
        markSeeded(c, key);
        return true;
    }

    private static boolean seeded(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM camiso_seed WHERE seed_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void markSeeded(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO camiso_seed (seed_key, done_at) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
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
        return jdbc(c -> {
            boolean created = !exists(c, "camiso_organisation", o.name());
            if (created) {
                insertOrganisation(c, o);
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE camiso_organisation SET title = ?, role = ?, identity_id = ? WHERE name = ?")) {
                    ps.setString(1, o.title());
                    ps.setString(2, o.role().name());
                    ps.setString(3, o.identity());
                    ps.setString(4, o.name());
                    ps.executeUpdate();
                }
            }
            bump(c);
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
        return jdbc(c -> {
            if (!exists(c, "camiso_organisation", name)) {
                return false;
            }
            List<String> runs = strings(c, "SELECT name FROM camiso_initiative WHERE organisation = ? ORDER BY name", name);
            if (!runs.isEmpty()) {
                throw new NetworkException(Kind.CONFLICT, "organisation '" + name + "' runs initiative(s) " + runs
                        + "; delete them or give them another organisation first");
            }
            if (!collectionsOwnedBy(name).isEmpty()) {
                throw new NetworkException(Kind.CONFLICT, "organisation '" + name + "' owns collection(s) "
                        + collectionsOwnedBy(name) + " in the configuration");
            }
            List<String> accounts = strings(c, "SELECT name FROM camiso_account WHERE organisation = ? ORDER BY name", name);
            if (!accounts.isEmpty()) {
                throw new NetworkException(Kind.CONFLICT, "organisation '" + name + "' still has account(s) " + accounts
                        + "; delete them or move them to another organisation first");
            }
            update(c, "DELETE FROM camiso_initiative_member WHERE organisation = ?", name);
            update(c, "DELETE FROM camiso_organisation WHERE name = ?", name);
            bump(c);
            return true;
        });
    }

    public boolean organisationExists(String name) {
        return jdbc(c -> exists(c, "camiso_organisation", name));
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
        return jdbc(c -> {
            requireOrganisation(c, organisation);
            if (members != null) {
                for (String m : members.keySet()) {
                    requireOrganisation(c, m);
                }
            }
            boolean created = !exists(c, "camiso_initiative", name);
            if (created) {
                insertInitiative(c, name, title, organisation);
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE camiso_initiative SET title = ?, organisation = ? WHERE name = ?")) {
                    ps.setString(1, title);
                    ps.setString(2, organisation);
                    ps.setString(3, name);
                    ps.executeUpdate();
                }
            }
            if (members != null) {
                update(c, "DELETE FROM camiso_initiative_member WHERE initiative = ?", name);
                for (Map.Entry<String, Tlp> m : members.entrySet()) {
                    upsertMember(c, name, m.getKey(), m.getValue());
                }
            }
            bump(c);
            return created;
        });
    }

    /** @return false when there was no such initiative; refused while a collection belongs to it */
    public boolean deleteInitiative(String name) {
        return jdbc(c -> {
            if (!exists(c, "camiso_initiative", name)) {
                return false;
            }
            if (!collectionsOwnedBy(name).isEmpty()) {
                throw new NetworkException(Kind.CONFLICT, "initiative '" + name + "' owns collection(s) "
                        + collectionsOwnedBy(name) + " in the configuration");
            }
            update(c, "DELETE FROM camiso_initiative_member WHERE initiative = ?", name);
            update(c, "DELETE FROM camiso_initiative WHERE name = ?", name);
            bump(c);
            return true;
        });
    }

    /** Adds a member or changes its clearance. @return true when added */
    public boolean putMember(String initiative, String organisation, Tlp clearance) {
        checkClearance(clearance);
        return jdbc(c -> {
            requireInitiative(c, initiative);
            requireOrganisation(c, organisation);
            boolean added = upsertMember(c, initiative, organisation, clearance);
            bump(c);
            return added;
        });
    }

    /** @return false when the organisation was no member */
    public boolean removeMember(String initiative, String organisation) {
        return jdbc(c -> {
            requireInitiative(c, initiative);
            boolean removed = update(c, "DELETE FROM camiso_initiative_member WHERE initiative = ? AND organisation = ?",
                    initiative, organisation) > 0;
            if (removed) {
                bump(c);
            }
            return removed;
        });
    }

    // --- RED accounts -----------------------------------------------------------------------------------

    /** Replaces the named accounts of a TLP:RED collection (by id). */
    public void setRedAccounts(String collectionId, Collection<String> accounts) {
        requireRed(collectionId);
        jdbc(c -> {
            for (String a : accounts) {
                requireAccount(c, a);
            }
            update(c, "DELETE FROM camiso_red_account WHERE collection_id = ?", collectionId);
            for (String a : new LinkedHashSet<>(accounts)) {
                addRed(c, collectionId, a);
            }
            bump(c);
            return null;
        });
    }

    /** @return true when added (false: already named) */
    public boolean addRedAccount(String collectionId, String account) {
        requireRed(collectionId);
        return jdbc(c -> {
            requireAccount(c, account);
            if (!strings(c, "SELECT account_name FROM camiso_red_account WHERE collection_id = ? AND account_name = ?",
                    collectionId, account).isEmpty()) {
                return false;
            }
            addRed(c, collectionId, account);
            bump(c);
            return true;
        });
    }

    /** @return false when the account was not named */
    public boolean removeRedAccount(String collectionId, String account) {
        return jdbc(c -> {
            boolean removed = update(c, "DELETE FROM camiso_red_account WHERE collection_id = ? AND account_name = ?",
                    collectionId, account) > 0;
            if (removed) {
                bump(c);
            }
            return removed;
        });
    }

    /** Marks the network as changed, e.g. after an account was deleted or moved, so every instance re-reads. */
    public void touch() {
        jdbc(c -> {
            bump(c);
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

    private void requireRed(String collectionId) {
        CollectionConfig col = collection(collectionId)
                .orElseThrow(() -> new NetworkException(Kind.NOT_FOUND, "no collection '" + collectionId + "'"));
        if (col.tlp() != Tlp.RED) {
            throw new NetworkException(Kind.INVALID, "collection '" + collectionId + "' is TLP:" + col.tlp().label()
                    + "; only a TLP:RED collection names accounts");
        }
        if (!col.id().equals(collectionId)) {
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

    private static void requireOrganisation(Connection c, String name) throws SQLException {
        if (name == null || !exists(c, "camiso_organisation", name)) {
            throw new NetworkException(Kind.INVALID, "no organisation '" + name + "'");
        }
    }

    private static void requireInitiative(Connection c, String name) throws SQLException {
        if (!exists(c, "camiso_initiative", name)) {
            throw new NetworkException(Kind.NOT_FOUND, "no initiative '" + name + "'");
        }
    }

    private static void requireAccount(Connection c, String name) throws SQLException {
        if (!exists(c, "camiso_account", name)) {
            throw new NetworkException(Kind.INVALID, "no account '" + name + "'");
        }
    }

    /** {@code table} is one of our constant table names, never user input. */
    private static boolean exists(Connection c, String table, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertOrganisation(Connection c, Organisation o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO camiso_organisation (name, title, role, identity_id) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, o.name());
            ps.setString(2, o.title());
            ps.setString(3, o.role().name());
            ps.setString(4, o.identity());
            ps.executeUpdate();
        }
    }

    private static void insertInitiative(Connection c, String name, String title, String organisation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO camiso_initiative (name, title, organisation) VALUES (?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, title);
            ps.setString(3, organisation);
            ps.executeUpdate();
        }
    }

    /** @return true when inserted, false when the clearance of an existing member was updated */
    private static boolean upsertMember(Connection c, String initiative, String organisation, Tlp clearance)
            throws SQLException {
        if (update(c, "UPDATE camiso_initiative_member SET clearance = ? WHERE initiative = ? AND organisation = ?",
                clearance.name(), initiative, organisation) > 0) {
            return false;
        }
        update(c, "INSERT INTO camiso_initiative_member (initiative, organisation, clearance) VALUES (?, ?, ?)",
                initiative, organisation, clearance.name());
        return true;
    }

    private static void addRed(Connection c, String collectionId, String account) throws SQLException {
        update(c, "INSERT INTO camiso_red_account (collection_id, account_name) VALUES (?, ?)", collectionId, account);
    }

    private static void bump(Connection c) throws SQLException {
        update(c, "UPDATE camiso_network_version SET version = version + 1 WHERE id = 1");
    }

    private static int update(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static List<String> strings(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}

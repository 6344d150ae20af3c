package nl.camiso.server.storage;

import nl.camiso.server.identity.Grant;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.network.NetworkTables;
import nl.camiso.server.network.Organisation;
import nl.camiso.stix.marking.Tlp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The network's {@link NetworkTables} in the database: plain JDBC inside the database's
 * transactions, as the rows are simple and the queries few.
 */
public final class JdbcNetworkTables implements NetworkTables {

    private final Database database;

    public JdbcNetworkTables(Database database) {
        this.database = database;
    }

    @Override
    public <T> T inTransaction(Function<Rows, T> work) {
        return database.inTransaction(s -> s.doReturningWork(c -> work.apply(new JdbcRows(c))));
    }

    /** JDBC work on the transaction's connection. */
    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("network tables: " + e.getMessage(), e);
        }
    }

    private record JdbcRows(Connection c) implements Rows {

        @Override
        public long version() {
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT version FROM camiso_network_version WHERE id = 1");
                     ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            });
        }

        @Override
        public void bump() {
            update("UPDATE camiso_network_version SET version = version + 1 WHERE id = 1");
        }

        @Override
        public List<Organisation> organisations() {
            return sql(() -> {
                List<Organisation> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT name, title, role, identity_id FROM camiso_organisation ORDER BY name");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Organisation(rs.getString(1), rs.getString(2),
                                OrganisationConfig.Role.valueOf(rs.getString(3)), rs.getString(4)));
                    }
                }
                return out;
            });
        }

        @Override
        public List<InitiativeRow> initiatives() {
            return sql(() -> {
                List<InitiativeRow> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT name, title, organisation FROM camiso_initiative ORDER BY name");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new InitiativeRow(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
                return out;
            });
        }

        @Override
        public List<Membership> memberships() {
            return sql(() -> {
                List<Membership> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT initiative, organisation, clearance"
                        + " FROM camiso_initiative_member ORDER BY initiative, organisation");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Membership(rs.getString(1), rs.getString(2), Tlp.valueOf(rs.getString(3))));
                    }
                }
                return out;
            });
        }

        @Override
        public List<RedAccount> redAccounts() {
            return sql(() -> {
                List<RedAccount> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT collection_id, account_name"
                        + " FROM camiso_red_account ORDER BY collection_id, account_name");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RedAccount(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            });
        }

        @Override
        public Map<String, String> accountOrganisations() {
            return sql(() -> {
                Map<String, String> out = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT name, organisation FROM camiso_account ORDER BY name");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
                return out;
            });
        }

        @Override
        public Map<String, List<Grant>> readGrants() {
            return sql(() -> {
                Map<String, List<Grant>> out = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT account_name, api_root, collection, can_write FROM camiso_grant WHERE can_read = TRUE"
                                + " ORDER BY account_name, api_root, collection");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Grant(rs.getString(2), rs.getString(3), true, rs.getBoolean(4)));
                    }
                }
                return out;
            });
        }

        @Override
        public boolean seeded(String key) {
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM camiso_seed WHERE seed_key = ?")) {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        }

        @Override
        public void markSeeded(String key) {
            sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO camiso_seed (seed_key, done_at) VALUES (?, ?)")) {
                    ps.setString(1, key);
                    ps.setTimestamp(2, Timestamp.from(Instant.now()));
                    return ps.executeUpdate();
                }
            });
        }

        @Override
        public boolean organisationExists(String name) {
            return exists("camiso_organisation", name);
        }

        @Override
        public boolean initiativeExists(String name) {
            return exists("camiso_initiative", name);
        }

        @Override
        public boolean accountExists(String name) {
            return exists("camiso_account", name);
        }

        @Override
        public void insertOrganisation(Organisation o) {
            update("INSERT INTO camiso_organisation (name, title, role, identity_id) VALUES (?, ?, ?, ?)",
                    o.name(), o.title(), o.role().name(), o.identity());
        }

        @Override
        public void updateOrganisation(Organisation o) {
            update("UPDATE camiso_organisation SET title = ?, role = ?, identity_id = ? WHERE name = ?",
                    o.title(), o.role().name(), o.identity(), o.name());
        }

        @Override
        public void deleteOrganisation(String name) {
            update("DELETE FROM camiso_initiative_member WHERE organisation = ?", name);
            update("DELETE FROM camiso_organisation_allow WHERE organisation = ?", name);
            update("DELETE FROM camiso_organisation WHERE name = ?", name);
        }

        @Override
        public List<String> initiativesRunBy(String organisation) {
            return strings("SELECT name FROM camiso_initiative WHERE organisation = ? ORDER BY name", organisation);
        }

        @Override
        public List<String> accountsOf(String organisation) {
            return strings("SELECT name FROM camiso_account WHERE organisation = ? ORDER BY name", organisation);
        }

        @Override
        public void insertInitiative(String name, String title, String organisation) {
            update("INSERT INTO camiso_initiative (name, title, organisation) VALUES (?, ?, ?)", name, title, organisation);
        }

        @Override
        public void updateInitiative(String name, String title, String organisation) {
            update("UPDATE camiso_initiative SET title = ?, organisation = ? WHERE name = ?", title, organisation, name);
        }

        @Override
        public void deleteInitiative(String name) {
            removeMembers(name);
            update("DELETE FROM camiso_initiative WHERE name = ?", name);
        }

        @Override
        public void removeMembers(String initiative) {
            update("DELETE FROM camiso_initiative_member WHERE initiative = ?", initiative);
        }

        @Override
        public boolean putMember(String initiative, String organisation, Tlp clearance) {
            if (update("UPDATE camiso_initiative_member SET clearance = ? WHERE initiative = ? AND organisation = ?",
                    clearance.name(), initiative, organisation) > 0) {
                return false;
            }
            update("INSERT INTO camiso_initiative_member (initiative, organisation, clearance) VALUES (?, ?, ?)",
                    initiative, organisation, clearance.name());
            return true;
        }

        @Override
        public boolean removeMember(String initiative, String organisation) {
            return update("DELETE FROM camiso_initiative_member WHERE initiative = ? AND organisation = ?",
                    initiative, organisation) > 0;
        }

        @Override
        public boolean isRedAccount(String collectionId, String account) {
            return !strings("SELECT account_name FROM camiso_red_account WHERE collection_id = ? AND account_name = ?",
                    collectionId, account).isEmpty();
        }

        @Override
        public void addRedAccount(String collectionId, String account) {
            update("INSERT INTO camiso_red_account (collection_id, account_name) VALUES (?, ?)", collectionId, account);
        }

        @Override
        public boolean removeRedAccount(String collectionId, String account) {
            return update("DELETE FROM camiso_red_account WHERE collection_id = ? AND account_name = ?",
                    collectionId, account) > 0;
        }

        @Override
        public void clearRedAccounts(String collectionId) {
            update("DELETE FROM camiso_red_account WHERE collection_id = ?", collectionId);
        }

        @Override
        public List<OwnEntry> ownEntries() {
            return sql(() -> {
                List<OwnEntry> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT organisation, entry FROM camiso_organisation_allow ORDER BY organisation, entry");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OwnEntry(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            });
        }

        @Override
        public boolean addOwnEntry(String organisation, String entry) {
            if (!strings("SELECT entry FROM camiso_organisation_allow WHERE organisation = ? AND entry = ?",
                    organisation, entry).isEmpty()) {
                return false;
            }
            update("INSERT INTO camiso_organisation_allow (organisation, entry) VALUES (?, ?)", organisation, entry);
            return true;
        }

        @Override
        public boolean removeOwnEntry(String organisation, String entry) {
            return update("DELETE FROM camiso_organisation_allow WHERE organisation = ? AND entry = ?",
                    organisation, entry) > 0;
        }

        /** {@code table} is one of the constant table names above, never input. */
        private boolean exists(String table, String name) {
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE name = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        }

        private int update(String statement, String... params) {
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement(statement)) {
                    for (int i = 0; i < params.length; i++) {
                        ps.setString(i + 1, params[i]);
                    }
                    return ps.executeUpdate();
                }
            });
        }

        private List<String> strings(String query, String... params) {
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement(query)) {
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
            });
        }
    }
}

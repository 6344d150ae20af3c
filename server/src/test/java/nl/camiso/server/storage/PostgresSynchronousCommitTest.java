package nl.camiso.server.storage;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A PostgreSQL whose sessions default to synchronous_commit = off still gets durable commits from CAMISO. */
class PostgresSynchronousCommitTest {

    @Test
    void synchronousCommitOffIsTurnedBackOn() {
        try (TestDatabases.TestDb t = TestDatabases.postgres()) {
            DatabaseSettings s = t.settings();
            // the session default a DBA could have set server-wide
            DatabaseSettings off = new DatabaseSettings(s.jdbcUrl() + "&options=-c%20synchronous_commit%3Doff",
                    s.user(), s.password());
            try (Database db = Database.open(off, List.of())) {
                assertEquals("on", setting(db, "synchronous_commit"));
            }
            DatabaseSettings remoteApply = new DatabaseSettings(
                    s.jdbcUrl() + "&options=-c%20synchronous_commit%3Dremote_apply", s.user(), s.password());
            try (Database db = Database.open(remoteApply, List.of())) {
                assertEquals("remote_apply", setting(db, "synchronous_commit"), "a stronger setting is kept");
            }
        }
    }

    private static String setting(Database db, String name) {
        return db.inTransaction(session -> session.doReturningWork(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + name)) {
                rs.next();
                return rs.getString(1);
            }
        }));
    }
}

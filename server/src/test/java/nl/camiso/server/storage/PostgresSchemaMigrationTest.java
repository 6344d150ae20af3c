package nl.camiso.server.storage;

/** Skipped when the local PostgreSQL is not reachable. */
class PostgresSchemaMigrationTest extends SchemaMigrationContract {

    @Override
    TestDatabases.TestDb createDatabase() {
        return TestDatabases.postgres();
    }
}

package nl.camiso.server.storage;

/** The store contract on a fresh schema of the local PostgreSQL; skipped when it is not reachable. */
class PostgresObjectStoreTest extends DbObjectStoreContract {

    @Override
    TestDatabases.TestDb createDatabase() {
        return TestDatabases.postgres();
    }
}

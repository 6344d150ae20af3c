package nl.camiso.server.storage;

/** The store contract on an H2 file database in a temporary folder. */
class H2ObjectStoreTest extends DbObjectStoreContract {

    @Override
    TestDatabases.TestDb createDatabase() {
        return TestDatabases.h2();
    }
}

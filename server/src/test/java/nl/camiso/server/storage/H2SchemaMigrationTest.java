package nl.camiso.server.storage;

class H2SchemaMigrationTest extends SchemaMigrationContract {

    @Override
    TestDatabases.TestDb createDatabase() {
        return TestDatabases.h2();
    }
}

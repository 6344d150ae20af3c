package nl.camiso.server.storage;

/** The Suricata sid registry on an H2 file database; the two registries share its one pool. */
class H2SuricataSidStoreTest extends SuricataSidStoreContract {

    @Override
    TestDatabases.TestDb createDatabase() {
        return TestDatabases.h2();
    }
}

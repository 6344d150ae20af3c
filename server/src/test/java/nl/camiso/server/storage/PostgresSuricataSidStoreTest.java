package nl.camiso.server.storage;

/** The Suricata sid registry on PostgreSQL, two pools as two nodes; skipped when PostgreSQL is not reachable. */
class PostgresSuricataSidStoreTest extends SuricataSidStoreContract {

    @Override
    TestDatabases.TestDb createDatabase() {
        return TestDatabases.postgres();
    }
}

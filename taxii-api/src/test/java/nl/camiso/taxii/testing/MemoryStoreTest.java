package nl.camiso.taxii.testing;

import nl.camiso.taxii.spi.ObjectStore;

/** The test double keeps the store contract, so that tests on it say something about the real stores. */
class MemoryStoreTest extends ObjectStoreContract {

    @Override
    protected ObjectStore openStore() {
        return new MemoryStore();
    }
}

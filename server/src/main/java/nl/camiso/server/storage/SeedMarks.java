package nl.camiso.server.storage;

/**
 * Things done once on first start (table {@code camiso_seed}, see {@link SeedMarker}): once
 * marked, never again, so later changes (deleted objects, a deleted account) are not undone by a
 * restart.
 */
public final class SeedMarks {

    private final Database database;

    public SeedMarks(Database database) {
        this.database = database;
    }

    public boolean isDone(String key) {
        return database.inTransaction(s -> SeedMarker.isDone(s, key));
    }

    /** Marks the key done, unless someone (another process) did meanwhile. */
    public void markDone(String key) {
        database.inTransaction(s -> {
            if (!SeedMarker.isDone(s, key)) {
                SeedMarker.markDone(s, key);
            }
            return null;
        });
    }
}

package nl.camiso.server.storage;

import org.hibernate.Session;
import org.hibernate.SessionFactory;

import java.util.Collection;
import java.util.function.Function;

/**
 * The database: connection pool, schema migrations (run on open), Hibernate session factory.
 *
 * <p>TODO(TAXII server issue): implement; this stub cannot open.
 */
public final class Database implements AutoCloseable {

    private Database() {
    }

    /**
     * Opens the database, creating or upgrading the schema first.
     *
     * @param entityClasses annotated entities of other packages (accounts, ...) to register
     */
    public static Database open(DatabaseSettings settings, Collection<Class<?>> entityClasses) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public SessionFactory sessionFactory() {
        throw new UnsupportedOperationException();
    }

    /** Runs {@code work} in one transaction, committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<Session, T> work) {
        throw new UnsupportedOperationException();
    }

    /** The TAXII object and status store on this database. */
    public nl.camiso.taxii.spi.ObjectStore objectStore() {
        throw new UnsupportedOperationException();
    }

    public DatabaseSettings settings() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}

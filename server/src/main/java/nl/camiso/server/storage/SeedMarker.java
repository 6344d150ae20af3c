package nl.camiso.server.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.Session;

import java.time.Instant;

/**
 * Row of {@code camiso_seed}: something done once on first start (an account from the
 * configuration seeded, a collection's sample data loaded). Its presence means "never again",
 * so later changes (a deleted account, deleted objects) are not undone by a restart.
 */
@Entity
@Table(name = "camiso_seed")
class SeedMarker {
    @Id
    @Column(name = "seed_key", length = 400)
    String key;

    @Column(name = "done_at", nullable = false)
    Instant doneAt;

    protected SeedMarker() {
    }

    static boolean isDone(Session session, String key) {
        return session.find(SeedMarker.class, key) != null;
    }

    static void markDone(Session session, String key) {
        SeedMarker m = new SeedMarker();
        m.key = key;
        m.doneAt = Instant.now();
        session.persist(m);
    }
}

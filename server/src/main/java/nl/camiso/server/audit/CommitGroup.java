package nl.camiso.server.audit;

import java.util.function.Supplier;

/**
 * Several transactions that one answer acknowledges (an envelope's objects and status, then its
 * audit entries): those that write wait for the disk once, after the last commit, instead of each
 * after its own. A request then costs one durable store on the embedded H2 file, not two.
 */
public interface CommitGroup {

    /** Runs {@code work}; when it returns normally, every write committed in it is durable. */
    <T> T together(Supplier<T> work);

    /** No grouping: each transaction is durable when it returns (stores other than {@link Database}). */
    CommitGroup EACH = new CommitGroup() {
        @Override
        public <T> T together(Supplier<T> work) {
            return work.get();
        }
    };
}

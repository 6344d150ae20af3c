package nl.camiso.server.audit;

import java.util.List;

/**
 * One stored entry of the hash chain, exactly as in the database.
 *
 * @param seq       position in the chain, 1, 2, 3... without gaps
 * @param atMicros  when, epoch microseconds
 * @param prevHash  {@link #entryHash} of entry {@code seq - 1} ({@link AuditChain#GENESIS} for the first)
 * @param entryHash SHA-256 (hex) of {@link AuditChain#canonical} of this entry, which includes prevHash
 */
public record AuditEntry(long seq, long atMicros, String action, String actor, String organisation,
                         String remoteAddress, String apiRoot, String collection, List<String> objectIds,
                         String outcome, String detail, String prevHash, String entryHash) {

    public AuditEntry {
        objectIds = List.copyOf(objectIds);
    }

    /** The hash this entry should have given its fields. */
    public String computeHash() {
        return AuditChain.hash(this);
    }
}

package nl.camiso.taxii.spi;

import java.util.List;

/**
 * A persisted TAXII status resource. Counts follow §4.3.1: total = objects in the envelope.
 *
 * @param owner                   account name of who posted; only the access policy decides who may read it
 * @param requestTimestampMicros  when the POST arrived, epoch microseconds
 * @param status                  "complete" or "pending"
 */
public record StatusRecord(String id, String apiRoot, String collectionId, String owner, String status,
                           long requestTimestampMicros, int totalCount,
                           List<StatusDetail> successes, List<StatusDetail> failures, List<StatusDetail> pendings) {

    public StatusRecord {
        successes = List.copyOf(successes);
        failures = List.copyOf(failures);
        pendings = List.copyOf(pendings);
    }

    public int successCount() {
        return successes.size();
    }

    public int failureCount() {
        return failures.size();
    }

    public int pendingCount() {
        return pendings.size();
    }
}

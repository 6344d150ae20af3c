package nl.camiso.server.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A persisted TAXII status resource (table {@code taxii_status}, created by {@code V1_0}).
 * The detail lists are one JSON document: they are only ever read and written whole.
 *
 * <p>Retention: {@link JdbcStatusPurge} deletes statuses older than {@code server.statuses.retention}
 * (at least 24 h, as the spec asks) through {@code ix_taxii_status_time} on {@code request_timestamp}.
 */
@Entity
@Table(name = "taxii_status")
public class StatusEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "api_root", nullable = false)
    private String apiRoot;

    @Column(name = "collection_id", nullable = false)
    private String collectionId;

    @Column(name = "owner_name")
    private String ownerName;

    @Column(name = "status", nullable = false)
    private String status;

    /** Epoch microseconds. */
    @Column(name = "request_timestamp", nullable = false)
    private long requestTimestamp;

    @Column(name = "total_count", nullable = false)
    private int totalCount;

    @Column(name = "success_count", nullable = false)
    private int successCount;

    @Column(name = "failure_count", nullable = false)
    private int failureCount;

    @Column(name = "pending_count", nullable = false)
    private int pendingCount;

    @Column(name = "details_json", nullable = false)
    private String detailsJson;

    protected StatusEntity() {
    }

    StatusEntity(String id, String apiRoot, String collectionId, String ownerName, String status, long requestTimestamp,
                 int totalCount, int successCount, int failureCount, int pendingCount, String detailsJson) {
        this.id = id;
        this.apiRoot = apiRoot;
        this.collectionId = collectionId;
        this.ownerName = ownerName;
        this.status = status;
        this.requestTimestamp = requestTimestamp;
        this.totalCount = totalCount;
        this.successCount = successCount;
        this.failureCount = failureCount;
        this.pendingCount = pendingCount;
        this.detailsJson = detailsJson;
    }

    public String id() {
        return id;
    }

    public String apiRoot() {
        return apiRoot;
    }

    public String collectionId() {
        return collectionId;
    }

    public String ownerName() {
        return ownerName;
    }

    public String status() {
        return status;
    }

    public long requestTimestamp() {
        return requestTimestamp;
    }

    public int totalCount() {
        return totalCount;
    }

    public String detailsJson() {
        return detailsJson;
    }
}

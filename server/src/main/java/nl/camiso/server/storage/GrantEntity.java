package nl.camiso.server.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code camiso_grant}: one account's rights on one collection (or "*"). */
@Entity
@Table(name = "camiso_grant")
class GrantEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;

    @Column(name = "account_name", nullable = false, length = 100)
    String accountName;

    @Column(name = "api_root", nullable = false, length = 100)
    String apiRoot;

    @Column(name = "collection", nullable = false, length = 100)
    String collection;

    @Column(name = "can_read", nullable = false)
    boolean canRead;

    @Column(name = "can_write", nullable = false)
    boolean canWrite;
}

package nl.camiso.server.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of {@code camiso_account} (schema: db/migration/V2_0__accounts.sql). */
@Entity
@Table(name = "camiso_account")
class AccountEntity {
    @Id
    @Column(name = "name", length = 100)
    String name;

    @Column(name = "password_hash", length = 200)
    String passwordHash;

    /** Whether the password is the demo password, so a non-loopback start can refuse without hashing. */
    @Column(name = "demo_password", nullable = false)
    boolean demoPassword;

    @Column(name = "organisation", length = 100)
    String organisation;

    /** Comma-separated role labels ("admin,supervisor"); "" for none. */
    @Column(name = "roles", nullable = false, length = 200)
    String roles;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}

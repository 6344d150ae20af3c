package nl.camiso.server.storage;

import nl.camiso.server.identity.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of {@code camiso_account} (schema: db/migration/V2_0__accounts.sql, V10_0__account_token_binding.sql). */
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

    /** Random, set once at creation (see {@link nl.camiso.server.identity.Account#id()}). */
    @Column(name = "account_id", nullable = false, length = 36, updatable = false)
    String accountId;

    @Column(name = "token_generation", nullable = false)
    long tokenGeneration;

    @Column(name = "credentials_changed_at", nullable = false)
    Instant credentialsChangedAt;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}

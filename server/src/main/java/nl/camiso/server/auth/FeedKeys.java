package nl.camiso.server.auth;

import nl.camiso.server.accounts.AccountException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Read-only keys for devices that can only fetch a URL (firewall URL tables, DNS blocklists): a
 * key acts as its account but may only read feeds (the authorizer refuses everything else to a
 * principal with a {@link nl.camiso.server.identity.Principal#feedKeyId()}). Stored as SHA-256 only, by {@code storage.JdbcFeedKeyStore}.
 *
 * <p>Why a fast hash is enough here, when passwords get a slow one: a key is 256 bits from
 * {@link SecureRandom}, not something a person chose, so there is no dictionary to try and a stolen
 * table gives nothing to guess. A fast hash also lets the key be found by an index lookup on
 * every poll, without a per-account salt or a costly verification under load.
 */
public final class FeedKeys {

    /** Every key starts with this, so that logs scanners and a bearer header can tell it from a JWT. */
    public static final String PREFIX = "cfk_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private FeedKeys() {
    }

    /** A stored key, without the key itself. */
    public record StoredKey(String id, String accountName, String accountId, long tokenGeneration, String label,
                            Instant createdAt) {
    }

    /** A new key: the clear key is shown once, the hash is stored. */
    public record NewKey(StoredKey stored, String key) {
    }

    /** Where keys are kept. */
    public interface Store {
        void add(StoredKey key, String keyHash);

        Optional<StoredKey> findByHash(String keyHash);

        List<StoredKey> list(String accountName);

        /** @return whether a key of that id existed */
        boolean revoke(String id);
    }

    /** A fresh key for the account's current id and token generation. */
    public static NewKey create(String accountName, String accountId, long tokenGeneration, String label) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(new StoredKey("fk-" + HexFormat.of().formatHex(id), accountName, accountId, tokenGeneration,
                label, Instant.now()), key);
    }

    /**
     * Creates and stores a key for the account as it is now; the returned clear key is for the
     * one answer that shows it and is kept nowhere.
     */
    public static NewKey issue(Store store, nl.camiso.server.identity.Account account, String label) {
        if (account.id() == null) {
            throw new IllegalArgumentException("account '" + account.name() + "' is not stored");
        }
        checkLabel(label);
        NewKey k = create(account.name(), account.id(), account.tokenGeneration(), label);
        store.add(k.stored(), hash(k.key()));
        return k;
    }

    /** The one rule for labels, for the CLI and the admin API: short, one line. */
    private static void checkLabel(String label) {
        if (label != null && (label.length() > 200 || label.chars().anyMatch(Character::isISOControl))) {
            throw new AccountException("a feed key's label is one line of at most 200 characters");
        }
    }

    public static boolean looksLikeKey(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Hex SHA-256 of the key as sent. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package nl.camiso.server.auth;

import nl.camiso.server.identity.Account;
import nl.camiso.server.config.JwtConfig;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtVerifierTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    static final JwtConfig HS_ONLY = new JwtConfig("camiso", "camiso-taxii", null, null, null, List.of("HS256"));
    static RsaJsonWebKey rsa;
    static Path jwksFile;

    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("k1");
        jwksFile = dir.resolve("jwks.json");
        // the JWKS also carries a symmetric key: it must never be used
        OctetSequenceJsonWebKey oct = new OctetSequenceJsonWebKey(new HmacKey("an-oct-key-in-the-jwks-32-bytes!!".getBytes()));
        oct.setKeyId("k1");
        Files.writeString(jwksFile, new JsonWebKeySet(rsa, oct).toJson(JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC));
    }

    static String sign(String alg, Key key, Consumer<JwtClaims> edit) throws Exception {
        JwtClaims c = new JwtClaims();
        c.setIssuer("camiso");
        c.setAudience("camiso-taxii");
        c.setSubject("alice");
        c.setIssuedAtToNow();
        c.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(300).getEpochSecond()));
        edit.accept(c);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue("k1");
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setDoKeyValidation(false);
        if (key != null) {
            jws.setKey(key);
        }
        return jws.getCompactSerialization();
    }

    static String hs256(Consumer<JwtClaims> edit) throws Exception {
        return sign(AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(SECRET), edit);
    }

    JwtVerifier hsOnly() {
        return new JwtVerifier(HS_ONLY, SECRET, null);
    }

    JwtVerifier hsAndRs() {
        return new JwtVerifier(new JwtConfig("camiso", "camiso-taxii", jwksFile.toString(), null, null,
                List.of("HS256", "RS256")), SECRET, JwtVerifier.jwksFile(jwksFile));
    }

    @Test
    void acceptsAValidHs256Token() throws Exception {
        assertEquals("alice", hsOnly().verify(hs256(c -> { })).subject());
    }

    @Test
    void acceptsAValidRs256TokenFromTheJwks() throws Exception {
        assertEquals("alice", hsAndRs().verify(sign(AlgorithmIdentifiers.RSA_USING_SHA256, rsa.getPrivateKey(), c -> { })).subject());
    }

    @Test
    void issuedTokensVerify() {
        Account bob = new Account("bob", null, Set.of(), List.of(), null, "id-of-bob", 3, Instant.EPOCH);
        String token = new TokenIssuer(HS_ONLY, SECRET).issue(bob, Duration.ofHours(1), Instant.now());
        JwtVerifier.VerifiedToken t = hsOnly().verify(token);
        assertEquals("bob", t.subject());
        assertEquals("id-of-bob", t.accountId());
        assertEquals(3L, t.generation());
        assertTrue(t.issuedByThisServer());
    }

    @Test
    void refusesAlgNone() throws Exception {
        String unsigned = sign(AlgorithmIdentifiers.NONE, null, c -> { });
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(unsigned));
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsAndRs().verify(unsigned));
    }

    @Test
    void refusesAnAlgorithmNotInTheWhitelist() throws Exception {
        String hs512 = sign(AlgorithmIdentifiers.HMAC_SHA512, new HmacKey(new byte[64]), c -> { });
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(hs512));
        String rs256 = sign(AlgorithmIdentifiers.RSA_USING_SHA256, rsa.getPrivateKey(), c -> { });
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(rs256));
    }

    @Test
    void refusesHmacSignedWithTheRsaPublicKey() throws Exception {
        // the classic confusion attack: the public key (known to everyone) used as an HMAC secret
        String forged = sign(AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(rsa.getPublicKey().getEncoded()), c -> { });
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsAndRs().verify(forged));
    }

    @Test
    void refusesHmacSignedWithASymmetricKeyFromTheJwks() throws Exception {
        String forged = sign(AlgorithmIdentifiers.HMAC_SHA256,
                new HmacKey("an-oct-key-in-the-jwks-32-bytes!!".getBytes()), c -> { });
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsAndRs().verify(forged));
    }

    @Test
    void refusesAWrongSignature() throws Exception {
        String other = sign(AlgorithmIdentifiers.HMAC_SHA256, new HmacKey("ffffffffffffffffffffffffffffffff".getBytes()), c -> { });
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(other));
    }

    @Test
    void refusesExpiredTokensBeyondTheClockSkew() throws Exception {
        String expired = hs256(c -> c.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(120).getEpochSecond())));
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(expired));
        String justExpired = hs256(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(60).getEpochSecond()));
            c.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(5).getEpochSecond()));
        });
        assertEquals("alice", hsOnly().verify(justExpired).subject(), "within the allowed clock skew");
    }

    @Test
    void refusesTokensWithoutExpiry() throws Exception {
        String eternal = hs256(c -> c.unsetClaim("exp"));
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(eternal));
    }

    @Test
    void refusesWrongAudienceOrIssuer() throws Exception {
        String aud = hs256(c -> c.setAudience("someone-else"));
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(aud));
        String iss = hs256(c -> c.setIssuer("evil"));
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(iss));
        String noSub = hs256(c -> c.unsetClaim("sub"));
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(noSub));
    }

    @Test
    void refusesGarbage() {
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify("not.a.jwt"));
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(""));
    }

    @Test
    void refusesOverlongTokensBeforeParsingThem() throws Exception {
        String[] p = hs256(c -> { }).split("\\.");
        String huge = p[0] + "." + "A".repeat(JwtVerifier.MAX_TOKEN_LENGTH) + "." + p[2];
        JwtVerifier.InvalidTokenException e = assertThrows(JwtVerifier.InvalidTokenException.class, () -> hsOnly().verify(huge));
        assertEquals("the token is longer than 8192 characters", e.getMessage());
    }

    @Test
    void canonicalBase64urlHasExactlyOneSpelling() {
        assertArrayEquals(new byte[]{(byte) 0xfb, (byte) 0xff}, JwtVerifier.canonicalBase64url("-_8"));
        assertEquals(null, JwtVerifier.canonicalBase64url("-_9"), "stray low bits");
        assertEquals(null, JwtVerifier.canonicalBase64url("+/8"), "standard alphabet");
        assertEquals(null, JwtVerifier.canonicalBase64url("-_8="), "padding");
        assertEquals(null, JwtVerifier.canonicalBase64url("-_ 8"), "whitespace");
        assertEquals(null, JwtVerifier.canonicalBase64url("AAAAA"), "impossible length");
    }

    @Test
    void secretFileIsCreatedOnceOwnerOnly() throws Exception {
        Path file = dir.resolve("sub/jwt.secret");
        byte[] first = HmacSecret.loadOrCreate(file);
        assertEquals(32, first.length);
        assertArrayEquals(first, HmacSecret.loadOrCreate(file));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }
}

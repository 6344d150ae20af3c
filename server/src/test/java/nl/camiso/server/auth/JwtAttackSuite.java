package nl.camiso.server.auth;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forged, tampered, stale and odd bearer tokens against the real server over HTTP (Grizzly, the
 * sample network, H2 in {@link JwtAttackTest}, PostgreSQL in {@link JwtAttackPostgresTest}). The
 * server accepts HS256 (its own secret) and RS256 (an identity provider's key from a JWKS file),
 * with a maximum lifetime of two hours. Every refusal must be a 401 with a TAXII error body, and
 * leave one {@code login-failed} audit entry that says in plain words what was wrong and holds no
 * part of the token.
 */
abstract class JwtAttackSuite {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String PW = "camiso-demo";
    static final long MAX_LIFETIME = 7200;
    static final String ISAC_AMBER = "d892b67c-edf4-4da3-9be6-e423d2e85012";
    static final Pattern CLASS_NAME = Pattern.compile("(?i)jose4j|exception|\\b[a-z]+\\.[a-z]+\\.[A-Za-z]+\\b");

    static CamisoServer server;
    /**
     * Whether to run the cases that do not touch the database (form, keys, claims): the
     * PostgreSQL run leaves them to the H2 run and keeps those about stored accounts.
     */
    static boolean formCases = true;
    static byte[] secret;
    static RsaJsonWebKey idp;
    static RsaJsonWebKey attacker;

    /** Starts the server on the given database with the sample network and this suite's token settings. */
    static void startWith(Path dir, String jdbcUrl, String user) throws Exception {
        idp = RsaJwkGenerator.generateJwk(2048);
        idp.setKeyId("idp");
        attacker = RsaJwkGenerator.generateJwk(2048);
        attacker.setKeyId("idp");
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JsonWebKeySet(idp).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        String yaml = Files.readString(samples.resolve("camiso.yaml"))
                .replaceAll("(?m)^\\s+load: .*$\\R", "")
                .replaceAll("(?m)^\\s+max_lifetime_seconds: .*$\\R", "")
                .replace("allowed_algorithms: [HS256]", "allowed_algorithms: [HS256, RS256]\n"
                        + "    jwks_file: " + jwks.toAbsolutePath() + "\n"
                        + "    max_lifetime_seconds: " + MAX_LIFETIME);
        assertTrue(yaml.contains("max_lifetime_seconds"), "the sample configuration's jwt section changed");
        Path config = dir.resolve("camiso.yaml");
        Files.writeString(config, yaml);
        server = CamisoServer.start(new ServerOptions(config, "127.0.0.1", 0, dir.resolve("data"), jdbcUrl, user,
                jdbcUrl == null ? null : "", null, null, false));
        secret = HmacSecret.loadOrCreate(dir.resolve("data").resolve("jwt.secret"));
    }

    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    static RequestSpecification http() {
        return given().baseUri(server.baseUri().toString());
    }

    static RequestSpecification basic(String user, String password) {
        return http().auth().preemptive().basic(user, password).accept("application/json");
    }

    static Response withBearer(String token) {
        return http().header("Authorization", "Bearer " + token).accept(TAXII).get("ndn/collections/");
    }

    /** A token from the server's token endpoint, for the password. */
    static String tokenFor(String user, String password) {
        return basic(user, password).post("x-camiso/token/?ttl=600").then().statusCode(200)
                .extract().path("access_token");
    }

    static JsonPath payloadOf(String token) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static void accepted(String token) {
        withBearer(token).then().statusCode(200);
    }

    /**
     * 401 with a TAXII error and the challenge; exactly one new login-failed entry whose detail
     * contains {@code reason}, names no class and holds no part of the token.
     */
    static void refused(String token, String reason) {
        Instant before = Instant.now();
        Response r = withBearer(token);
        r.then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("http_status", equalTo("401"));
        assertFalse(CLASS_NAME.matcher(r.body().asString()).find(), r.body().asString());
        List<Map<String, Object>> entries = basic("supervisor", PW)
                .get("x-camiso/audit/?action=login-failed&from=" + before).then().statusCode(200)
                .extract().jsonPath().getList("entries");
        assertEquals(1, entries.size(), () -> "one audit entry for " + reason + ": " + entries);
        String detail = String.valueOf(entries.get(0).get("detail"));
        String all = entries.get(0).toString();
        assertTrue(detail.contains(reason), () -> "expected '" + reason + "' in: " + detail);
        assertFalse(CLASS_NAME.matcher(detail).find(), () -> "a class name in the audit: " + detail);
        for (String part : token.split("[.\\s]+")) {
            if (part.length() >= 8 && !part.equals(HS256_HEADER) && !part.equals(RS256_HEADER)) {
                assertFalse(all.contains(part), () -> "a part of the token in the audit: " + all);
            }
        }
    }

    static final String HS256_HEADER = b64("{\"alg\":\"HS256\"}");
    static final String RS256_HEADER = b64("{\"alg\":\"RS256\"}");

    static String b64(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Claims that the server accepts for {@code user}, bound like the server's own tokens. */
    static JwtClaims claims(String user, String password) {
        JsonPath own = payloadOf(tokenFor(user, password));
        JwtClaims c = new JwtClaims();
        c.setIssuer("camiso");
        c.setAudience("camiso-taxii");
        c.setSubject(user);
        c.setIssuedAtToNow();
        c.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 600));
        c.setClaim(JwtVerifier.ACCOUNT_ID_CLAIM, own.getString(JwtVerifier.ACCOUNT_ID_CLAIM));
        c.setClaim(JwtVerifier.GENERATION_CLAIM, own.getLong(JwtVerifier.GENERATION_CLAIM));
        return c;
    }

    static JwtClaims ncsc() {
        return claims("ncsc-analyst", PW);
    }

    /** Claims an identity provider would send: no binding claims of this server. */
    static JwtClaims idpClaims(String user) {
        JwtClaims c = new JwtClaims();
        c.setIssuer("camiso");
        c.setAudience("camiso-taxii");
        c.setSubject(user);
        c.setIssuedAtToNow();
        c.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 600));
        return c;
    }

    static String sign(String alg, Key key, JwtClaims claims, Consumer<JsonWebSignature> header) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setDoKeyValidation(false);
        header.accept(jws);
        if (key != null) {
            jws.setKey(key);
        }
        return jws.getCompactSerialization();
    }

    static String hs256(JwtClaims claims) throws Exception {
        return sign("HS256", new HmacKey(secret), claims, h -> { });
    }

    static String rs256(JwtClaims claims) throws Exception {
        return sign("RS256", idp.getPrivateKey(), claims, h -> h.setKeyIdHeaderValue("idp"));
    }

    /** A compact JWS from raw header and payload JSON, signed HS256 over exactly those bytes. */
    static String rawHs(String headerJson, String payloadJson, byte[] key) throws Exception {
        String input = b64(headerJson) + "." + b64(payloadJson);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String withPart(String token, int index, String part) {
        String[] p = token.split("\\.", -1);
        p[index] = part;
        return String.join(".", p);
    }

    // --- the attacks -----------------------------------------------------------------------------

    @Test
    void genuineTokensWork() throws Exception {
        String token = tokenFor("ncsc-analyst", PW);
        accepted(token);
        accepted(hs256(ncsc()));
        accepted(rs256(idpClaims("ncsc-analyst")));
    }

    @Test
    void algNoneInEveryDisguise() throws Exception {
        Assumptions.assumeTrue(formCases, "run on H2 only: the database plays no part");
        String payload = b64(ncsc().toJson());
        String validSignature = hs256(ncsc()).split("\\.")[2];
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
            refused(header + "." + payload + ".", "three non-empty parts");
            refused(header + "." + payload, "three non-empty parts");
            refused(header + "." + payload + "." + validSignature, "algorithm is not accepted");
        }
        refused(b64("{\"typ\":\"JWT\"}") + "." + payload + "." + validSignature, "names no algorithm");
        refused(b64("{\"alg\":null}") + "." + payload + "." + validSignature, "names no algorithm");
        refused(b64("{\"alg\":\"\"}") + "." + payload + "." + validSignature, "algorithm is not accepted");
        refused(b64("{\"alg\":[\"HS256\"]}") + "." + payload + "." + validSignature, "names no algorithm");
    }

    @Test
    void keyConfusion() throws Exception {
        Assumptions.assumeTrue(formCases, "run on H2 only: the database plays no part");
        // the identity provider's public key (known to all) as an HMAC secret, in every spelling
        byte[] der = idp.getPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        String jwk = idp.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        for (byte[] key : List.of(der, pem.getBytes(StandardCharsets.US_ASCII), jwk.getBytes(StandardCharsets.UTF_8))) {
            refused(sign("HS256", new HmacKey(key), ncsc(), h -> h.setKeyIdHeaderValue("idp")), "signature does not verify");
        }
        // RS256 signed by an attacker's key, which the token brings along or points to
        refused(sign("RS256", attacker.getPrivateKey(), idpClaims("ncsc-analyst"),
                h -> h.setJwkHeader(attacker)), "parameter 'jwk'");
        refused(sign("RS256", attacker.getPrivateKey(), idpClaims("ncsc-analyst"),
                h -> h.setHeader("jku", "https://attacker.example/jwks.json")), "parameter 'jku'");
        refused(sign("RS256", attacker.getPrivateKey(), idpClaims("ncsc-analyst"),
                h -> h.setHeader("x5u", "https://attacker.example/cert.pem")), "parameter 'x5u'");
        refused(sign("RS256", attacker.getPrivateKey(), idpClaims("ncsc-analyst"),
                h -> h.setHeader("x5c", List.of(Base64.getEncoder().encodeToString(der)))), "parameter 'x5c'");
        // the attacker's key under the identity provider's key id, and under unknown or tricky ids
        refused(sign("RS256", attacker.getPrivateKey(), idpClaims("ncsc-analyst"), h -> h.setKeyIdHeaderValue("idp")),
                "signature does not verify");
        for (String kid : List.of("other", "../../../../dev/null", "' OR '1'='1", "")) {
            refused(sign("RS256", attacker.getPrivateKey(), idpClaims("ncsc-analyst"), h -> h.setKeyIdHeaderValue(kid)),
                    "no key of this server fits");
            byte[] kidAsKey = kid.isEmpty() ? new byte[1] : kid.getBytes(StandardCharsets.UTF_8);
            refused(rawHs("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", ncsc().toJson(), kidAsKey),
                    "signature does not verify");
        }
        // an HMAC token with a zero key, and the right secret with an algorithm not allowed
        refused(rawHs("{\"alg\":\"HS256\"}", ncsc().toJson(), new byte[32]), "signature does not verify");
        refused(sign("HS512", new HmacKey(secret), ncsc(), h -> { }), "algorithm is not accepted");
        refused(sign("RS512", idp.getPrivateKey(), idpClaims("ncsc-analyst"), h -> h.setKeyIdHeaderValue("idp")),
                "algorithm is not accepted");
        refused(sign("PS256", idp.getPrivateKey(), idpClaims("ncsc-analyst"), h -> h.setKeyIdHeaderValue("idp")),
                "algorithm is not accepted");
        // headers that change how the signature is computed or what must be understood
        refused(sign("HS256", new HmacKey(secret), ncsc(), h -> h.setHeader("crit", List.of("exp"))), "parameter 'crit'");
        refused(rawHs("{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", ncsc().toJson(), secret), "parameter 'b64'");
        refused(sign("HS256", new HmacKey(secret), ncsc(), h -> h.setHeader("b64", false)), "payload is not canonical");
        refused(sign("HS256", new HmacKey(secret), ncsc(), h -> h.setContentTypeHeaderValue("JWT")), "parameter 'cty'");
        refused(sign("HS256", new HmacKey(secret), ncsc(), h -> h.setHeader("x-evil", 1)), "of an unknown name");
        refused(sign("HS256", new HmacKey(secret), ncsc(), h -> h.setHeader("typ", "JWE")), "type other than JWT");
        // an encrypted token (five parts) is not accepted at all
        refused("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbb.cccccccccccccccccccccc",
                "three non-empty parts");
    }

    @Test
    void tampering() throws Exception {
        Assumptions.assumeTrue(formCases, "run on H2 only: the database plays no part");
        String good = hs256(ncsc());
        String[] p = good.split("\\.");
        // another account in the payload, the original signature kept
        String otherPayload = b64(ncsc().toJson().replace("\"ncsc-analyst\"", "\"admin\""));
        refused(withPart(good, 1, otherPayload), "signature does not verify");
        // a longer lifetime, the original signature kept
        JwtClaims longer = ncsc();
        longer.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 3000));
        refused(withPart(good, 1, b64(longer.toJson())), "signature does not verify");
        // the header changed (another HMAC strength, an added type), the signature kept
        refused(withPart(good, 0, b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")), "signature does not verify");
        refused(withPart(good, 0, b64("{\"alg\":\"HS384\"}")), "algorithm is not accepted");
        // the signature damaged, cut, doubled, or taken from another token
        char[] sig = p[2].toCharArray();
        sig[5] = sig[5] == 'A' ? 'B' : 'A';
        refused(withPart(good, 2, new String(sig)), "signature does not verify");
        refused(withPart(good, 2, p[2].substring(0, 40)), "signature does not verify");
        refused(withPart(good, 2, p[2] + p[2].substring(0, 41)), "signature does not verify");
        refused(withPart(good, 2, hs256(claims("isac-energie-analyst", PW)).split("\\.")[2]), "signature does not verify");
        refused(good + ".", "three non-empty parts");
        refused(good + "." + p[2], "three non-empty parts");
        refused("." + good, "three non-empty parts");
        // duplicate members, validly signed: parsers might disagree on which one counts
        String dupSub = ncsc().toJson().replace("{", "{\"sub\":\"admin\",");
        refused(rawHs("{\"alg\":\"HS256\"}", dupSub, secret), "without duplicate members");
        refused(rawHs("{\"alg\":\"none\",\"alg\":\"HS256\"}", ncsc().toJson(), secret), "without duplicate members");
        // not JSON, or JSON that is not one object
        refused(rawHs("{\"alg\":\"HS256\"}", "[1,2]", secret), "payload is not one JSON object");
        refused(rawHs("{\"alg\":\"HS256\"}", "{} {}", secret), "payload is not one JSON object");
        refused(rawHs("{\"alg\":\"HS256\"", ncsc().toJson(), secret), "header is not a JSON object");
        refused(rawHs("{\"alg\":\"HS256\"}", "\u00ff\u00fe", secret), "payload is not a JSON object");
    }

    @Test
    void claimsMissingOrWrong() throws Exception {
        Assumptions.assumeTrue(formCases, "run on H2 only: the database plays no part");
        String[][] missing = {{"iss", "names no issuer"}, {"aud", "names no audience"}, {"sub", "names no account"},
                {"exp", "no expiry time"}, {"iat", "no issue time"}};
        for (String[] m : missing) {
            JwtClaims c = ncsc();
            c.unsetClaim(m[0]);
            refused(hs256(c), m[1]);
        }
        JwtClaims c = ncsc();
        c.setIssuer("evil");
        refused(hs256(c), "issuer (iss) is not the configured one");
        c = ncsc();
        c.setAudience("someone-else", "another");
        refused(hs256(c), "audience (aud) does not include");
        c = ncsc();
        c.setSubject("no-such-account");
        refused(hs256(c), "account name that does not exist");
        c = ncsc();
        c.setClaim("sub", 42);
        refused(hs256(c), "wrong type");
        c = ncsc();
        c.setClaim("exp", "tomorrow");
        refused(hs256(c), "wrong type");
        long now = Instant.now().getEpochSecond();
        c = ncsc();
        c.setIssuedAt(NumericDate.fromSeconds(now - 700));
        c.setExpirationTime(NumericDate.fromSeconds(now - 100));
        refused(hs256(c), "has expired");
        c = ncsc();
        c.setIssuedAt(NumericDate.fromSeconds(now));
        c.setExpirationTime(NumericDate.fromSeconds(now - 5));
        refused(hs256(c), "expires (exp) before it was issued (iat)");
        c = ncsc();
        c.setNotBefore(NumericDate.fromSeconds(now + 300));
        refused(hs256(c), "not valid yet");
        c = ncsc();
        c.setIssuedAt(NumericDate.fromSeconds(now + 300));
        c.setExpirationTime(NumericDate.fromSeconds(now + 600));
        refused(hs256(c), "issue time (iat) is in the future");
        // this server's tokens must carry the binding to the account
        c = ncsc();
        c.unsetClaim(JwtVerifier.ACCOUNT_ID_CLAIM);
        refused(hs256(c), "without the account binding");
        c = ncsc();
        c.setClaim(JwtVerifier.GENERATION_CLAIM, "0");
        refused(hs256(c), "without the account binding");
        c = ncsc();
        c.setClaim(JwtVerifier.ACCOUNT_ID_CLAIM, claims("mivd-analyst", PW).getClaimValue(JwtVerifier.ACCOUNT_ID_CLAIM));
        refused(hs256(c), "earlier account of the same name");
        c = ncsc();
        c.setClaim(JwtVerifier.GENERATION_CLAIM, 7);
        refused(hs256(c), "before the account's last password change");
        // and the identity provider's tokens an issue time
        c = idpClaims("ncsc-analyst");
        c.unsetClaim("iat");
        refused(rs256(c), "no issue time");
    }

    @Test
    void lifetimeAboveTheMaximum() throws Exception {
        long now = Instant.now().getEpochSecond();
        JwtClaims exactly = ncsc();
        exactly.setIssuedAt(NumericDate.fromSeconds(now));
        exactly.setExpirationTime(NumericDate.fromSeconds(now + MAX_LIFETIME));
        accepted(hs256(exactly));
        JwtClaims oneMore = ncsc();
        oneMore.setIssuedAt(NumericDate.fromSeconds(now));
        oneMore.setExpirationTime(NumericDate.fromSeconds(now + MAX_LIFETIME + 1));
        refused(hs256(oneMore), "longer than the allowed " + MAX_LIFETIME + " s");
        JwtClaims tenYears = ncsc();
        tenYears.setExpirationTime(NumericDate.fromSeconds(now + 10L * 365 * 86_400));
        refused(hs256(tenYears), "longer than the allowed");
        JwtClaims idpTenYears = idpClaims("ncsc-analyst");
        idpTenYears.setExpirationTime(NumericDate.fromSeconds(now + 10L * 365 * 86_400));
        refused(rs256(idpTenYears), "longer than the allowed");
        // an old issue time with a near expiry is no way around it
        JwtClaims oldIat = ncsc();
        oldIat.setIssuedAt(NumericDate.fromSeconds(now - 30 * 86_400));
        refused(hs256(oldIat), "issue time (iat) is longer ago");
        // and the endpoint issues none longer
        basic("ncsc-analyst", PW).post("x-camiso/token/?ttl=" + (MAX_LIFETIME + 1)).then().statusCode(400)
                .body("description", containsString(String.valueOf(MAX_LIFETIME)));
        basic("ncsc-analyst", PW).post("x-camiso/token/?ttl=" + MAX_LIFETIME).then().statusCode(200)
                .body("expires_in", equalTo((int) MAX_LIFETIME));
    }

    @Test
    void aTokenCannotBeRenewedWithAToken() {
        String token = tokenFor("ncsc-analyst", PW);
        Response r = http().header("Authorization", "Bearer " + token).accept("application/json").post("x-camiso/token/?ttl=600");
        r.then().statusCode(403).body("http_status", equalTo("403")).body("description", containsString("password"));
        assertFalse(r.body().asString().contains("access_token"));
        http().header("Authorization", "Bearer " + token).accept("application/json").post("x-camiso/token/")
                .then().statusCode(403);
    }

    @Test
    void tokensOfADeletedAndRecreatedAccountDoNotFitTheNewOne() throws Exception {
        RequestSpecification admin = basic("admin", PW).contentType("application/json");
        admin.body("{\"password\":\"first-life-password\",\"organisation\":\"ncsc\",\"roles\":[]}")
                .put("x-camiso/admin/accounts/jwt-lazarus/").then().statusCode(201);
        String oldToken = tokenFor("jwt-lazarus", "first-life-password");
        JwtClaims oldIdp = idpClaims("jwt-lazarus");
        oldIdp.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 2));
        String oldIdpToken = rs256(oldIdp);
        accepted(oldToken);
        accepted(oldIdpToken);

        basic("admin", PW).delete("x-camiso/admin/accounts/jwt-lazarus/").then().statusCode(204);
        refused(oldToken, "account name that does not exist");

        // a new account of the same name, in another organisation, with AMBER clearance there
        Thread.sleep(2_100); // past the second in which the old identity-provider token was issued
        basic("admin", PW).contentType("application/json")
                .body("{\"password\":\"second-life-password\",\"organisation\":\"isac-energie\",\"roles\":[]}")
                .put("x-camiso/admin/accounts/jwt-lazarus/").then().statusCode(201);
        refused(oldToken, "earlier account of the same name");
        refused(oldIdpToken, "issued before the account was created");
        http().header("Authorization", "Bearer " + oldToken).accept(TAXII)
                .get("ndn/collections/" + ISAC_AMBER + "/objects/").then().statusCode(401);

        String newToken = tokenFor("jwt-lazarus", "second-life-password");
        assertNotEquals(payloadOf(oldToken).getString(JwtVerifier.ACCOUNT_ID_CLAIM),
                payloadOf(newToken).getString(JwtVerifier.ACCOUNT_ID_CLAIM));
        http().header("Authorization", "Bearer " + newToken).accept(TAXII)
                .get("ndn/collections/" + ISAC_AMBER + "/objects/").then().statusCode(200);
        JwtClaims newIdp = idpClaims("jwt-lazarus");
        newIdp.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 2));
        accepted(rs256(newIdp));
    }

    @Test
    void tokensStopWorkingWhenThePasswordChanges() throws Exception {
        basic("admin", PW).contentType("application/json")
                .body("{\"password\":\"before-the-change\",\"organisation\":\"ncsc\",\"roles\":[]}")
                .put("x-camiso/admin/accounts/jwt-rotating/").then().statusCode(201);
        String before = tokenFor("jwt-rotating", "before-the-change");
        JwtClaims idpBefore = idpClaims("jwt-rotating");
        idpBefore.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 2));
        accepted(before);
        Thread.sleep(2_100);
        basic("admin", PW).contentType("application/json").body("{\"password\":\"after-the-change\"}")
                .put("x-camiso/admin/accounts/jwt-rotating/").then().statusCode(200);
        refused(before, "before the account's last password change");
        refused(rs256(idpBefore), "before the account was created or its password last changed");
        basic("jwt-rotating", "before-the-change").post("x-camiso/token/").then().statusCode(401);
        String after = tokenFor("jwt-rotating", "after-the-change");
        accepted(after);
        assertEquals(payloadOf(before).getString(JwtVerifier.ACCOUNT_ID_CLAIM),
                payloadOf(after).getString(JwtVerifier.ACCOUNT_ID_CLAIM), "the same account");
        assertEquals(payloadOf(before).getLong(JwtVerifier.GENERATION_CLAIM) + 1,
                payloadOf(after).getLong(JwtVerifier.GENERATION_CLAIM));
    }

    @Test
    void onlyCanonicalBase64url() throws Exception {
        Assumptions.assumeTrue(formCases, "run on H2 only: the database plays no part");
        // find a genuine token whose signature uses '-' or '_', then spell it the standard way
        String good = null;
        for (int i = 0; i < 200 && good == null; i++) {
            String t = hs256(ncsc());
            if (t.split("\\.")[2].matches(".*[-_].*")) {
                good = t;
            }
        }
        assertTrue(good != null);
        accepted(good);
        String[] p = good.split("\\.");
        refused(withPart(good, 2, p[2].replace('-', '+').replace('_', '/')), "signature is not canonical base64url");
        // padding, on any part
        refused(withPart(good, 2, p[2] + "="), "signature is not canonical base64url");
        String paddedHeader = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(p[0]));
        if (!paddedHeader.equals(p[0])) {
            refused(withPart(good, 0, paddedHeader), "header is not canonical base64url");
        }
        refused(withPart(good, 1, p[1] + "=="), "payload is not canonical base64url");
        // stray bits: the same bytes, another last character (a 32-byte signature leaves 2 bits unused)
        char last = p[2].charAt(p[2].length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String stray = p[2].substring(0, p[2].length() - 1) + twin;
        assertTrue(java.util.Arrays.equals(Base64.getUrlDecoder().decode(stray), Base64.getUrlDecoder().decode(p[2])));
        refused(withPart(good, 2, stray), "signature is not canonical base64url");
        // whitespace inside the token, and an impossible length
        refused(p[0] + "." + p[1].substring(0, 10) + " " + p[1].substring(10) + "." + p[2], "payload is not canonical");
        refused(p[0] + "." + p[1] + "." + p[2].substring(0, 20) + "\t" + p[2].substring(20), "signature is not canonical");
        refused(withPart(good, 2, p[2] + "AA"), "signature is not canonical base64url");
        refused(withPart(good, 0, "%" + p[0].substring(1)), "header is not canonical base64url");
        accepted(good); // and the genuine one still works
    }

    /** Every refusal above asserted its audit entry; here the other credentials of a request. */
    @Test
    void otherSchemesAndEmptyTokensAreRefusedToo() {
        Assumptions.assumeTrue(formCases, "run on H2 only: the database plays no part");
        for (String header : List.of("Bearer", "Bearer ", "Bearer    ", "Token abc.def.ghi", "bearer",
                "Basic " + Base64.getEncoder().encodeToString("ncsc-analyst".getBytes(StandardCharsets.UTF_8)))) {
            http().header("Authorization", header).accept(TAXII).get("ndn/collections/").then().statusCode(401)
                    .body("http_status", equalTo("401"));
        }
        List<String> lowerScheme = new ArrayList<>();
        lowerScheme.add(tokenFor("ncsc-analyst", PW));
        http().header("Authorization", "bearer " + lowerScheme.get(0)).accept(TAXII).get("ndn/collections/")
                .then().statusCode(200); // the scheme is case-insensitive (RFC 7235)
    }
}

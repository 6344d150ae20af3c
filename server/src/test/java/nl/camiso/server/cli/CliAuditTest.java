package nl.camiso.server.cli;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes made offline with the CLI are in the audit trail as the admin API writes them: one
 * {@code admin-change} entry per change, the operating-system user as actor, never a secret, and
 * nothing for a refused change. Read back through the store ({@code camiso audit list}) and over
 * the audit API of a server started on the same data directory.
 */
class CliAuditTest {

    static final String ACTOR = "actor=cli:" + System.getProperty("user.name");

    @TempDir
    Path dir;

    CliRun camiso(String... args) {
        return CliRun.withDataDir(dir.resolve("data"), args);
    }

    List<String> changes() {
        return camiso("audit", "list", "--action", "admin-change").out().lines().toList();
    }

    /** Runs a change that must succeed and returns the one entry it wrote. */
    String entryOf(String... args) {
        int before = changes().size();
        CliRun run = camiso(args);
        assertEquals(0, run.code(), String.join(" ", args) + ": " + run.out() + run.err());
        List<String> after = changes();
        assertEquals(before + 1, after.size(), "one entry for " + String.join(" ", args) + ": " + after);
        String entry = after.get(after.size() - 1);
        assertTrue(entry.contains("\tadmin-change\tsuccess\t" + ACTOR + "\tfrom=local: camiso "), entry);
        return entry;
    }

    /** Runs a change that must be refused (exit code 1) and checks that it wrote nothing. */
    void refused(String... args) {
        int before = changes().size();
        CliRun run = camiso(args);
        assertEquals(1, run.code(), String.join(" ", args) + ": " + run.out() + run.err());
        assertEquals(before, changes().size(), "nothing audited for the refused " + String.join(" ", args));
    }

    @Test
    void networkChangesAreAuditedWithTheAdminApisDetails() throws Exception {
        assertTrue(entryOf("org", "add", "havenbedrijf", "--title", "Havenbedrijf", "--role", "member")
                .endsWith("from=local: camiso org add\tPUT /x-camiso/admin/organisations/havenbedrijf/ -> 201"));
        assertTrue(entryOf("org", "add", "havenbedrijf", "--title", "Havenbedrijf Rotterdam", "--role", "member")
                .endsWith("PUT /x-camiso/admin/organisations/havenbedrijf/ -> 200"));
        assertTrue(entryOf("org", "allow-list", "add", "havenbedrijf", "198.51.100.76/30")
                .endsWith("from=local: camiso org allow-list add"
                        + "\tPUT /x-camiso/admin/organisations/havenbedrijf/allow-list/198.51.100.76/30/ -> 201"));
        assertTrue(entryOf("org", "allow-list", "remove", "havenbedrijf", "198.51.100.76/30")
                .endsWith("DELETE /x-camiso/admin/organisations/havenbedrijf/allow-list/198.51.100.76/30/ -> 204"));
        assertTrue(entryOf("initiative", "add", "haven-isac", "--title", "Haven ISAC", "--organisation", "havenbedrijf")
                .endsWith("PUT /x-camiso/admin/initiatives/haven-isac/ -> 201"));
        assertTrue(entryOf("initiative", "member", "add", "haven-isac", "ferm", "--clearance", "AMBER")
                .endsWith("PUT /x-camiso/admin/initiatives/haven-isac/members/ferm/ -> 201"));
        assertTrue(entryOf("initiative", "member", "remove", "haven-isac", "ferm")
                .endsWith("DELETE /x-camiso/admin/initiatives/haven-isac/members/ferm/ -> 204"));
        assertTrue(entryOf("initiative", "delete", "haven-isac")
                .endsWith("DELETE /x-camiso/admin/initiatives/haven-isac/ -> 204"));
        entryOf("user", "add", "ferm-analyst", "--password", "long-enough-pw", "--organisation", "ferm");
        assertTrue(entryOf("red", "add", "ndn-red", "ferm-analyst")
                .endsWith("PUT /x-camiso/admin/collections/ndn-red/red-accounts/ferm-analyst/ -> 201"));
        assertTrue(entryOf("red", "remove", "ndn-red", "ferm-analyst")
                .endsWith("DELETE /x-camiso/admin/collections/ndn-red/red-accounts/ferm-analyst/ -> 204"));
        assertTrue(entryOf("org", "delete", "havenbedrijf")
                .endsWith("DELETE /x-camiso/admin/organisations/havenbedrijf/ -> 204"));

        refused("org", "delete", "havenbedrijf");
        refused("org", "delete", "ferm"); // it runs an initiative
        refused("org", "add", "x", "--title", "X", "--role", "emperor");
        refused("org", "allow-list", "add", "koelhuis-botlek", "300.1.2.3");
        refused("org", "allow-list", "remove", "koelhuis-botlek", "192.0.2.1");
        refused("initiative", "member", "remove", "ferm", "nobody");
        refused("red", "remove", "ndn-red", "ferm-analyst");

        // the same entries over the audit API of a server on this data directory
        try (CamisoServer server = CamisoServer.start(new ServerOptions(null, "127.0.0.1", 0, dir.resolve("data"),
                null, null, null, null, null, false))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            server.baseUri().resolve("x-camiso/audit/?action=admin-change&limit=1000"))
                    .header("Accept", "application/json")
                    .header("Authorization", HttpTarget.basic("supervisor", "camiso-demo")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("PUT /x-camiso/admin/initiatives/haven-isac/members/ferm/ -> 201"), r.body());
            assertTrue(r.body().contains("cli:" + System.getProperty("user.name")), r.body());
            assertTrue(r.body().contains("local: camiso initiative member add"), r.body());
        }
    }

    @Test
    void accountChangesAreAuditedWithoutSecrets() {
        String password = "a-secret-password-" + System.nanoTime();
        assertTrue(entryOf("user", "add", "soc-bot", "--password", password, "--organisation", "ndn")
                .endsWith("from=local: camiso user add\tPUT /x-camiso/admin/accounts/soc-bot/ -> 201"));
        String other = "another-secret-" + System.nanoTime();
        assertTrue(entryOf("user", "passwd", "soc-bot", "--password", other)
                .endsWith("PUT /x-camiso/admin/accounts/soc-bot/ -> 200"));
        assertTrue(entryOf("user", "grant", "soc-bot", "--api-root", "ndn", "--collection", "ndn-green", "--read")
                .contains("from=local: camiso user grant\tgranted read on ndn/"));
        assertTrue(entryOf("user", "revoke", "soc-bot", "--api-root", "ndn", "--collection", "ndn-green")
                .endsWith("revoked read+write on ndn/ndn-green from 'soc-bot'"));

        CliRun created = camiso("feed-key", "create", "soc-bot", "--label", "sensor");
        assertEquals(0, created.code(), created.err());
        String key = created.out().trim();
        List<String> all = changes();
        assertTrue(all.get(all.size() - 1).contains("POST /x-camiso/admin/accounts/soc-bot/feed-keys/ -> 201 (key "),
                all.toString());
        String keyId = camiso("feed-key", "list", "soc-bot").out().trim().split("\\s+")[0];
        assertTrue(entryOf("feed-key", "revoke", keyId).endsWith("DELETE /x-camiso/admin/feed-keys/" + keyId + "/ -> 204"));
        assertTrue(entryOf("user", "delete", "soc-bot").endsWith("DELETE /x-camiso/admin/accounts/soc-bot/ -> 204"));

        refused("user", "delete", "soc-bot");
        refused("user", "add", "short-pw", "--password", "x");
        refused("user", "passwd", "nobody", "--password", "long-enough-pw");
        refused("user", "revoke", "admin", "--api-root", "ndn", "--collection", "ndn-red");
        refused("feed-key", "revoke", keyId + "0");

        String trail = camiso("audit", "list").out();
        for (String secret : List.of(password, other, key)) {
            assertFalse(trail.contains(secret), "no secret in the audit trail: " + trail);
        }
    }
}

package nl.camiso.server.access;

import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.access.Decision;
import nl.camiso.taxii.access.Decision.Outcome;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static nl.camiso.taxii.access.Decision.Outcome.ALLOWED;
import static nl.camiso.taxii.access.Decision.Outcome.FORBIDDEN;
import static nl.camiso.taxii.access.Decision.Outcome.HIDDEN;
import static nl.camiso.taxii.access.Decision.Outcome.UNAUTHENTICATED;
import static nl.camiso.taxii.access.Operation.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's authorizer on the sample network: a table of (principal, operation, target) and the
 * decision, each row reasoned from the README's "Who may do what" and domain.md's table. Every
 * operation has rows, and the refusals map to 401 (with the challenge), 404 and 403.
 */
class AuthorizerTest {

    static final CamisoConfig CONFIG = ConfigLoader.loadDefault();
    static final ConfiguredCatalog CATALOG = new ConfiguredCatalog(CONFIG);
    static final ServerAuthorizer AUTHORIZER = new ServerAuthorizer(
            AccessRules.network(CATALOG, Network.fixed(NetworkSnapshot.fromConfig(CONFIG))),
            CollectionSettings.from(CATALOG), () -> NetworkSnapshot.fromConfig(CONFIG));

    static final String ANONYMOUS = "(anonymous)";
    /** The target of a server-wide operation. */
    static final String SERVER = "(server)";
    /** The target of an operation on the API root. */
    static final String ROOT = "(ndn)";

    /** {@code target}: a collection alias, {@link #SERVER}, {@link #ROOT} or "status of " + its owner. */
    record Row(String account, boolean byPassword, Operation op, String target, Outcome expected) {
    }

    static final List<Row> TABLE = new ArrayList<>();

    static void row(String account, Operation op, String target, Outcome expected) {
        TABLE.add(new Row(account, true, op, target, expected));
    }

    static {
        // anonymous: public collections only, and only reading them; every other "no" asks for credentials
        row(ANONYMOUS, READ_API_ROOT, ROOT, ALLOWED);
        row(ANONYMOUS, READ_COLLECTION, "ndn-clear", ALLOWED);
        row(ANONYMOUS, READ_OBJECTS, "ndn-clear", ALLOWED);
        row(ANONYMOUS, READ_MANIFEST, "ndn-clear", ALLOWED);
        row(ANONYMOUS, READ_VERSIONS, "ndn-clear", ALLOWED);
        row(ANONYMOUS, READ_FEED, "ndn-clear", ALLOWED);
        row(ANONYMOUS, READ_OBJECTS, "ndn-green", UNAUTHENTICATED);
        row(ANONYMOUS, READ_COLLECTION, "ndn-red", UNAUTHENTICATED);
        row(ANONYMOUS, ADD_OBJECTS, "ndn-clear", UNAUTHENTICATED);
        row(ANONYMOUS, DELETE_OBJECTS, "ndn-clear", UNAUTHENTICATED);
        row(ANONYMOUS, READ_DISCOVERY, SERVER, UNAUTHENTICATED);
        row(ANONYMOUS, READ_ACTIONS, ROOT, UNAUTHENTICATED);
        row(ANONYMOUS, READ_STATUS, "status of admin", UNAUTHENTICATED);
        row(ANONYMOUS, RELEASE_FROM, "ndn-clear", UNAUTHENTICATED);
        row(ANONYMOUS, READ_AUDIT, SERVER, UNAUTHENTICATED);
        row(ANONYMOUS, ADMINISTER, SERVER, UNAUTHENTICATED);
        row(ANONYMOUS, ISSUE_TOKEN, SERVER, UNAUTHENTICATED);

        // ferm (runs the FERM initiative; a GREEN member of the hub, reporting into its AMBER ndn-reports)
        row("ferm-analyst", READ_DISCOVERY, SERVER, ALLOWED);
        row("ferm-analyst", READ_API_ROOT, ROOT, ALLOWED);
        row("ferm-analyst", READ_ACTIONS, ROOT, ALLOWED);
        row("ferm-analyst", READ_OBJECTS, "ndn-green", ALLOWED);
        row("ferm-analyst", ADD_OBJECTS, "ndn-green", FORBIDDEN);      // reads the hub's collection, does not publish in it
        row("ferm-analyst", DELETE_OBJECTS, "ndn-green", FORBIDDEN);
        row("ferm-analyst", DELETE_OBJECTS, "ferm-green", ALLOWED);    // its own initiative's collection
        row("ferm-analyst", READ_OBJECTS, "ndn-amber", HIDDEN);        // AMBER above its GREEN clearance, not writable
        row("ferm-analyst", READ_OBJECTS, "ndn-red", HIDDEN);          // not on the RED list
        row("ferm-analyst", READ_COLLECTION, "ndn-reports", ALLOWED);  // reports into it...
        row("ferm-analyst", ADD_OBJECTS, "ndn-reports", ALLOWED);
        row("ferm-analyst", READ_OBJECTS, "ndn-reports", FORBIDDEN);   // ...but may not read it (AMBER)
        row("ferm-analyst", READ_MANIFEST, "ndn-reports", FORBIDDEN);
        row("ferm-analyst", READ_VERSIONS, "ndn-reports", FORBIDDEN);
        row("ferm-analyst", READ_FEED, "ndn-reports", FORBIDDEN);
        row("ferm-analyst", READ_FEED, "ndn-green", ALLOWED);
        row("ferm-analyst", RELEASE_FROM, "ndn-reports", FORBIDDEN);
        row("ferm-analyst", RELEASE_FROM, "ferm-amber", ALLOWED);
        row("ferm-analyst", RELEASE_FROM, "ndn-red", HIDDEN);
        row("ferm-analyst", RELEASE_TO, "ndn-green", FORBIDDEN);
        row("ferm-analyst", RELEASE_TO, "ferm-green", ALLOWED);
        row("ferm-analyst", GIVE_CONSENT, "ferm-green", ALLOWED);
        row("ferm-analyst", GIVE_CONSENT, "ndn-green", FORBIDDEN);     // publishes nothing there
        row("ferm-analyst", GIVE_CONSENT, "ndn-amber", HIDDEN);
        row("ferm-analyst", FORWARD_FROM, "ferm-reports", ALLOWED);    // runs the initiative
        row("ferm-analyst", FORWARD_TO, "ndn-reports", ALLOWED);
        row("ferm-analyst", FORWARD_TO, "ndn-green", FORBIDDEN);
        row("ferm-analyst", READ_STATUS, "status of ferm-analyst", ALLOWED);
        row("ferm-analyst", READ_STATUS, "status of admin", HIDDEN);
        row("ferm-analyst", READ_AUDIT, SERVER, FORBIDDEN);
        row("ferm-analyst", ADMINISTER, SERVER, FORBIDDEN);
        row("ferm-analyst", ISSUE_TOKEN, SERVER, ALLOWED);
        TABLE.add(new Row("ferm-analyst", false, ISSUE_TOKEN, SERVER, FORBIDDEN)); // a bearer token renews nothing

        // a member company of FERM reads and reports there, but forwards nothing and does not see the hub's reports
        row("koelhuis-botlek-analyst", READ_OBJECTS, "ferm-reports", ALLOWED);
        row("koelhuis-botlek-analyst", FORWARD_FROM, "ferm-reports", FORBIDDEN);
        row("koelhuis-botlek-analyst", FORWARD_TO, "ndn-reports", HIDDEN);
        // the intermediary forwards from the initiatives it belongs to
        row("dtc-analyst", FORWARD_FROM, "ferm-reports", ALLOWED);
        row("ncsc-analyst", READ_OBJECTS, "ndn-red", ALLOWED);

        // the supervisory board: the audit trail, no threat data (not even public), no administration
        row("supervisor", READ_AUDIT, SERVER, ALLOWED);
        row("supervisor", READ_OBJECTS, "ndn-clear", HIDDEN);
        row("supervisor", READ_API_ROOT, ROOT, HIDDEN);
        row("supervisor", READ_ACTIONS, ROOT, HIDDEN);
        row("supervisor", ADMINISTER, SERVER, FORBIDDEN);

        // admin: everything
        row("admin", READ_OBJECTS, "ndn-red", ALLOWED);
        row("admin", DELETE_OBJECTS, "ndn-reports", ALLOWED);
        row("admin", READ_STATUS, "status of ferm-analyst", ALLOWED);
        row("admin", READ_AUDIT, SERVER, ALLOWED);
        row("admin", ADMINISTER, SERVER, ALLOWED);
        row("admin", GIVE_CONSENT, "ndn-green", ALLOWED);
    }

    @Test
    void everyRowOfTheTable() {
        List<String> wrong = new ArrayList<>();
        for (Row r : TABLE) {
            Decision d = AUTHORIZER.decide(principal(r.account(), r.byPassword()), r.op(), target(r.target()));
            if (d.outcome() != r.expected()) {
                wrong.add(r + " -> " + d);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theTableCoversEveryOperation() {
        Set<Operation> covered = EnumSet.noneOf(Operation.class);
        TABLE.forEach(r -> covered.add(r.op()));
        assertEquals(EnumSet.allOf(Operation.class), covered);
    }

    @Test
    void refusalsMapToOneHttpAnswerEach() {
        TaxiiException login = AUTHORIZER.decide(Principal.ANONYMOUS, READ_OBJECTS, target("ndn-green")).refusal("collection");
        assertEquals(401, login.status());
        assertEquals(AuthFilter.CHALLENGE, login.headers().get("WWW-Authenticate"));

        // hidden: exactly the answer about a collection that does not exist
        TaxiiException hidden = AUTHORIZER.decide(principal("ferm-analyst", true), READ_OBJECTS, target("ndn-red"))
                .refusal("collection");
        TaxiiException missing = TaxiiException.notFound("collection");
        assertEquals(missing.status(), hidden.status());
        assertEquals(missing.description(), hidden.description());
        assertTrue(hidden.headers().isEmpty());

        TaxiiException forbidden = AUTHORIZER.decide(principal("ferm-analyst", true), ADD_OBJECTS, target("ndn-green"))
                .refusal("collection");
        assertEquals(403, forbidden.status());
        assertEquals(ADD_OBJECTS.lacksRightMessage(), forbidden.description());
    }

    @Test
    void anOperationOnTheWrongKindOfTargetIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> AUTHORIZER.decide(principal("admin", true), READ_AUDIT, target("ndn-green")));
        assertThrows(IllegalArgumentException.class,
                () -> AUTHORIZER.decide(principal("admin", true), READ_OBJECTS, Target.server()));
    }

    /**
     * A feed key acts as its account for {@link Operation#READ_FEED} (same decision, 404 included)
     * and is refused (403) every other operation, on every kind of target, even for an admin.
     */
    @Test
    void aFeedKeyOnlyReadsFeedsAsItsAccount() {
        for (String account : List.of("admin", "supervisor", "maasvlakte-stuwadoors-analyst", "koelhuis-botlek-analyst")) {
            AccountConfig a = CONFIG.account(account).orElseThrow();
            Principal key = Principal.ofFeedKey(new Account(a.name(), a.organisation(), a.roles(), List.of(), null), "fk-test");
            for (Operation op : Operation.values()) {
                List<String> targets = switch (op.scope()) {
                    case SERVER -> List.of(SERVER);
                    case API_ROOT -> List.of(ROOT);
                    case STATUS -> List.of("status of " + account);
                    case COLLECTION -> List.of("ndn-clear", "ndn-green", "ferm-amber", "ndn-red");
                };
                for (String t : targets) {
                    Decision d = AUTHORIZER.decide(key, op, target(t));
                    if (op == READ_FEED) {
                        assertEquals(AUTHORIZER.decide(principal(account, false), op, target(t)).outcome(), d.outcome(),
                                account + " " + t);
                    } else {
                        assertEquals(FORBIDDEN, d.outcome(), account + " " + op + " " + t);
                    }
                }
            }
        }
        assertEquals(ALLOWED, AUTHORIZER.decide(Principal.ofFeedKey(new Account("maasvlakte-stuwadoors-analyst",
                "maasvlakte-stuwadoors", Set.of(), List.of(), null), "fk-test"), READ_FEED, target("ferm-amber")).outcome());
        assertEquals(HIDDEN, AUTHORIZER.decide(Principal.ofFeedKey(new Account("koelhuis-botlek-analyst",
                "koelhuis-botlek", Set.of(), List.of(), null), "fk-test"), READ_FEED, target("ferm-amber")).outcome());
    }

    static Principal principal(String account, boolean byPassword) {
        if (account.equals(ANONYMOUS)) {
            return Principal.ANONYMOUS;
        }
        AccountConfig a = CONFIG.account(account).orElseThrow();
        return Principal.of(new Account(a.name(), a.organisation(), a.roles(), List.of(), null), byPassword);
    }

    static Target target(String name) {
        if (name.equals(SERVER)) {
            return Target.server();
        }
        if (name.equals(ROOT)) {
            return Target.apiRoot(CATALOG.apiRoot("ndn").orElseThrow());
        }
        if (name.startsWith("status of ")) {
            return Target.status("ndn", name.substring("status of ".length()));
        }
        return Target.collection(CATALOG.collection("ndn", name).orElseThrow(() -> new AssertionError(name)));
    }
}

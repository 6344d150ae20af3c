package nl.camiso.server.access;

import nl.camiso.server.identity.Principal;
import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.Role;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessRulesTest {

    static final CollectionInfo A = new CollectionInfo("aaaaaaaa-0000-4000-8000-000000000001", "ndn", "A", null, "a", List.of());
    static final CollectionInfo B = new CollectionInfo("bbbbbbbb-0000-4000-8000-000000000002", "ndn", "B", null, "b", List.of());
    static final CollectionInfo OTHER = new CollectionInfo("cccccccc-0000-4000-8000-000000000003", "other", "C", null, null, List.of());
    static final ApiRootInfo NDN = new ApiRootInfo("ndn", "NDN", null, 1000);
    static final ApiRootInfo OTHER_ROOT = new ApiRootInfo("other", "Other", null, 1000);

    static final Catalog CATALOG = new Catalog() {
        public String title() { return "t"; }
        public String description() { return null; }
        public String contact() { return null; }
        public Optional<String> defaultApiRoot() { return Optional.empty(); }
        public List<ApiRootInfo> apiRoots() { return List.of(NDN, OTHER_ROOT); }
        public Optional<ApiRootInfo> apiRoot(String n) { return apiRoots().stream().filter(r -> r.name().equals(n)).findFirst(); }
        public List<CollectionInfo> collections(String r) { return r.equals("ndn") ? List.of(A, B) : List.of(OTHER); }
        public Optional<CollectionInfo> collection(String r, String id) {
            return collections(r).stream().filter(c -> c.id().equals(id)).findFirst();
        }
    };

    final AccessRules policy = AccessRules.standard(CATALOG);

    static Requester account(Set<Role> roles, Grant... grants) {
        return Principal.of(new Account("u", null, roles, List.of(grants), null));
    }

    @Test
    void adminReadsAndWritesEverything() {
        Requester admin = account(Set.of(Role.ADMIN));
        for (CollectionInfo c : List.of(A, B, OTHER)) {
            assertTrue(policy.canRead(admin, c));
            assertTrue(policy.canWrite(admin, c));
        }
        assertTrue(policy.canSeeApiRoot(admin, OTHER_ROOT));
        assertTrue(policy.canReadStatus(admin, "someone-else"));
    }

    @Test
    void grantsGiveExactlyWhatTheySay() {
        Requester reader = account(Set.of(), new Grant("ndn", A.id(), true, false));
        assertTrue(policy.canRead(reader, A));
        assertFalse(policy.canWrite(reader, A));
        assertFalse(policy.canRead(reader, B));
        assertFalse(policy.canRead(reader, OTHER));
        assertTrue(policy.canSeeApiRoot(reader, NDN));
        assertFalse(policy.canSeeApiRoot(reader, OTHER_ROOT));
    }

    @Test
    void starCoversEveryCollectionOfItsApiRootOnly() {
        Requester writer = account(Set.of(), new Grant("ndn", Grant.ALL_COLLECTIONS, false, true));
        assertTrue(policy.canWrite(writer, A));
        assertTrue(policy.canWrite(writer, B));
        assertFalse(policy.canRead(writer, A));
        assertFalse(policy.canWrite(writer, OTHER));
    }

    @Test
    void supervisorRoleGivesNoThreatData() {
        Requester supervisor = account(Set.of(Role.SUPERVISOR));
        assertFalse(policy.canRead(supervisor, A));
        assertFalse(policy.canSeeApiRoot(supervisor, NDN));
    }

    @Test
    void anonymousGetsNothing() {
        assertFalse(policy.canRead(Principal.ANONYMOUS, A));
        assertFalse(policy.canWrite(Principal.ANONYMOUS, A));
        assertFalse(policy.canSeeApiRoot(Principal.ANONYMOUS, NDN));
        assertFalse(policy.canReadStatus(Principal.ANONYMOUS, "anonymous"));
    }

    @Test
    void statusOnlyForItsOwner() {
        Requester u = account(Set.of());
        assertTrue(policy.canReadStatus(u, "u"));
        assertFalse(policy.canReadStatus(u, "v"));
    }

    @Test
    void anyDenyWinsOverAllows() {
        AccessRule denyB = (r, c, a) -> c.equals(B) ? AccessRule.Vote.DENY : AccessRule.Vote.ABSTAIN;
        AccessRules withDeny = new AccessRules(CATALOG, List.of(new AdminRule(), new GrantRule(), denyB));
        Requester admin = account(Set.of(Role.ADMIN));
        assertTrue(withDeny.canRead(admin, A));
        assertFalse(withDeny.canRead(admin, B));
    }
}

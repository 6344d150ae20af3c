package nl.camiso.taxii.testing;

import nl.camiso.stix.StixObject;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IngestPolicy;
import nl.camiso.taxii.spi.IngestVerdict;
import nl.camiso.taxii.spi.Requester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API roots {@code ndn} (visible) and {@code hidden} (visible to nobody). In {@code ndn}, user
 * {@code alice} has: rw (read+write), ro (read), wo (write), none (nothing), boom (read; its store
 * queries fail); {@code carol} has the same rights (a second reader). Anonymous requesters get nothing. Objects with {@code "x_refuse": true} are refused.
 */
public final class TestCatalog implements Catalog, AccessPolicy, IngestPolicy {

    public static final long MAX_CONTENT_LENGTH = 20_000;
    public static final CollectionInfo RW = coll("11111111-1111-4111-8111-111111111111", "rw", "read-write");
    public static final CollectionInfo RO = coll("22222222-2222-4222-8222-222222222222", "ro", null);
    public static final CollectionInfo WO = coll("33333333-3333-4333-8333-333333333333", "wo", null);
    public static final CollectionInfo NONE = coll("44444444-4444-4444-8444-444444444444", "none", null);
    public static final CollectionInfo BOOM = coll("55555555-5555-4555-8555-555555555555", "boom", null);

    private static final ApiRootInfo NDN = new ApiRootInfo("ndn", "NDN", "Nationwide", MAX_CONTENT_LENGTH);
    private static final ApiRootInfo HIDDEN = new ApiRootInfo("hidden", "Hidden", null, MAX_CONTENT_LENGTH);
    /** collection title → {can_read, can_write} for alice. */
    private static final Map<String, boolean[]> ALICE = Map.of(
            "rw", new boolean[] {true, true}, "ro", new boolean[] {true, false},
            "wo", new boolean[] {false, true}, "none", new boolean[] {false, false},
            "boom", new boolean[] {true, false});

    private static CollectionInfo coll(String id, String title, String alias) {
        return new CollectionInfo(id, "ndn", title, null, alias, List.of("application/stix+json;version=2.1"));
    }

    @Override
    public String title() {
        return "CAMISO test";
    }

    @Override
    public String description() {
        return null;
    }

    @Override
    public String contact() {
        return "soc@example.nl";
    }

    @Override
    public Optional<String> defaultApiRoot() {
        return Optional.of("ndn");
    }

    @Override
    public List<ApiRootInfo> apiRoots() {
        return List.of(NDN, HIDDEN);
    }

    @Override
    public Optional<ApiRootInfo> apiRoot(String name) {
        return apiRoots().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    @Override
    public List<CollectionInfo> collections(String apiRoot) {
        return apiRoot.equals("ndn") ? List.of(RW, RO, WO, NONE, BOOM) : List.of();
    }

    @Override
    public Optional<CollectionInfo> collection(String apiRoot, String idOrAlias) {
        return collections(apiRoot).stream()
                .filter(c -> c.id().equals(idOrAlias) || idOrAlias.equals(c.alias()))
                .findFirst();
    }

    @Override
    public boolean canSeeApiRoot(Requester requester, ApiRootInfo apiRoot) {
        return apiRoot.name().equals("ndn");
    }

    @Override
    public boolean canRead(Requester requester, CollectionInfo collection) {
        return isReader(requester) && ALICE.get(collection.title())[0];
    }

    @Override
    public boolean canWrite(Requester requester, CollectionInfo collection) {
        return isReader(requester) && ALICE.get(collection.title())[1];
    }

    private static boolean isReader(Requester requester) {
        return requester.name().equals("alice") || requester.name().equals("carol");
    }

    /**
     * The ingest policy of the tests: {@code x_refuse: true} is refused; {@code x_warn: true} is
     * accepted with a warning naming the envelope's size (to see the whole envelope is judged at once).
     */
    @Override
    public List<IngestVerdict> judge(Requester requester, CollectionInfo collection, List<StixObject> objects) {
        List<IngestVerdict> out = new ArrayList<>();
        for (StixObject object : objects) {
            var refuse = object.json().get("x_refuse");
            var warn = object.json().get("x_warn");
            out.add(refuse != null && refuse.asBoolean() ? IngestVerdict.refuse("refused by policy")
                    : warn != null && warn.asBoolean() ? IngestVerdict.acceptWithWarning("warned; envelope of " + objects.size())
                    : IngestVerdict.accept());
        }
        return out;
    }
}

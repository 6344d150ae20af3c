package nl.camiso.taxii.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One request's view through the {@link Authorizer}: finds API roots and collections by name and
 * lets the authorizer decide, so that every endpoint answers alike. Something that does not exist
 * and something the requester may not know of get the same 404 (see {@link Decision}).
 *
 * <p>Also the collection case of every authorizer: {@link #decide(Operation, boolean, boolean)}
 * maps a collection's {@code can_read}/{@code can_write} for the requester to the decision.
 */
public final class CollectionAccess {

    private final TaxiiServices services;
    private final Requester requester;
    private final BiFunction<Operation, Target, Decision> authorizer;

    private CollectionAccess(TaxiiServices services, Requester requester,
                             BiFunction<Operation, Target, Decision> authorizer) {
        this.services = services;
        this.requester = requester;
        this.authorizer = authorizer;
    }

    /** The access of the request's principal, decided by the services' authorizer. */
    public static CollectionAccess of(TaxiiServices services, ContainerRequestContext request) {
        return bind(services, services.authorizer(), request);
    }

    private static <P extends Requester> CollectionAccess bind(TaxiiServices services, Authorizer<P> authorizer,
                                                               ContainerRequestContext request) {
        P principal = authorizer.principal(request);
        return new CollectionAccess(services, principal, (op, target) -> authorizer.decide(principal, op, target));
    }

    /**
     * The collection case: a collection the requester may neither read nor write is hidden;
     * otherwise the operation is allowed when it has the rights the operation takes, else forbidden.
     */
    public static Decision decide(Operation operation, boolean canRead, boolean canWrite) {
        if (operation.scope() != Operation.Scope.COLLECTION) {
            throw new IllegalArgumentException(operation + " is not an operation on a collection");
        }
        if (!canRead && !canWrite) {
            return Decision.hidden();
        }
        if (operation.needsRead() && !canRead || operation.needsWrite() && !canWrite) {
            return Decision.forbidden(operation.lacksRightMessage());
        }
        return Decision.allowed();
    }

    public TaxiiServices services() {
        return services;
    }

    public Requester requester() {
        return requester;
    }

    public Decision decide(Operation operation, Target target) {
        return authorizer.apply(operation, target);
    }

    public boolean allows(Operation operation, Target target) {
        return decide(operation, target).isAllowed();
    }

    public boolean allows(Operation operation, CollectionInfo collection) {
        return allows(operation, Target.collection(collection));
    }

    /** An API root this requester may see ({@link Operation#READ_API_ROOT}); 404 otherwise. */
    public ApiRootInfo apiRoot(String name) {
        ApiRootInfo root = services.catalog().apiRoot(name).orElseThrow(() -> TaxiiException.notFound("API root"));
        decide(Operation.READ_API_ROOT, Target.apiRoot(root)).require("API root");
        return root;
    }

    /** {@link #collection(ApiRootInfo, String, Operation, String)} after {@link #apiRoot}, named "collection". */
    public CollectionInfo collection(String rootName, String idOrAlias, Operation operation) {
        return collection(apiRoot(rootName), idOrAlias, operation, "collection");
    }

    /**
     * A collection of the API root on which the operation is allowed.
     *
     * @param what how a 404 names it, for a missing and a hidden collection alike
     */
    public CollectionInfo collection(ApiRootInfo root, String idOrAlias, Operation operation, String what) {
        Optional<CollectionInfo> c = services.catalog().collection(root.name(), idOrAlias);
        if (c.isEmpty()) {
            throw TaxiiException.notFound(what);
        }
        decide(operation, Target.collection(c.get())).require(what);
        return c.get();
    }

    /** The collection's {@code can_read} for this requester. */
    public boolean canRead(CollectionInfo c) {
        return allows(Operation.READ_OBJECTS, c);
    }

    /** The collection's {@code can_write} for this requester. */
    public boolean canWrite(CollectionInfo c) {
        return allows(Operation.ADD_OBJECTS, c);
    }
}

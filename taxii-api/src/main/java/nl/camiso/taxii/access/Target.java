package nl.camiso.taxii.access;

import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;

import java.util.Objects;

/**
 * What an {@link Operation} acts on: the server as a whole, an API root, a collection, or a status
 * resource (known by the account that created it). Build one with the factory that matches the
 * operation's {@link Operation.Scope}.
 */
public final class Target {

    private static final Target SERVER = new Target(Operation.Scope.SERVER, null, null, null, null);

    private final Operation.Scope scope;
    private final String apiRoot;
    private final ApiRootInfo apiRootInfo;
    private final CollectionInfo collection;
    private final String statusOwner;

    private Target(Operation.Scope scope, String apiRoot, ApiRootInfo apiRootInfo, CollectionInfo collection,
                   String statusOwner) {
        this.scope = scope;
        this.apiRoot = apiRoot;
        this.apiRootInfo = apiRootInfo;
        this.collection = collection;
        this.statusOwner = statusOwner;
    }

    public static Target server() {
        return SERVER;
    }

    public static Target apiRoot(ApiRootInfo root) {
        return new Target(Operation.Scope.API_ROOT, root.name(), root, null, null);
    }

    public static Target collection(CollectionInfo collection) {
        return new Target(Operation.Scope.COLLECTION, collection.apiRoot(), null, Objects.requireNonNull(collection), null);
    }

    /** @param owner the account that created the status resource */
    public static Target status(String apiRoot, String owner) {
        return new Target(Operation.Scope.STATUS, apiRoot, null, null, Objects.requireNonNull(owner));
    }

    public Operation.Scope scope() {
        return scope;
    }

    /** The API root's name; null for the server. */
    public String apiRootName() {
        return apiRoot;
    }

    /** The API root; null unless the scope is {@link Operation.Scope#API_ROOT}. */
    public ApiRootInfo apiRoot() {
        return apiRootInfo;
    }

    /** The collection; null unless the scope is {@link Operation.Scope#COLLECTION}. */
    public CollectionInfo collection() {
        return collection;
    }

    /** The status resource's owner; null unless the scope is {@link Operation.Scope#STATUS}. */
    public String statusOwner() {
        return statusOwner;
    }

    @Override
    public String toString() {
        return switch (scope) {
            case SERVER -> "server";
            case API_ROOT -> "API root " + apiRoot;
            case COLLECTION -> "collection " + apiRoot + "/" + collection.id();
            case STATUS -> "status of " + statusOwner + " in " + apiRoot;
        };
    }
}

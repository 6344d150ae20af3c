package nl.camiso.server.audit;

import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;

/**
 * Wraps the server's access policy and tells the current {@link AuditContext} about each
 * decision, so that {@link AuditFilter} can record the denials that caused a 403/404. It does
 * not change any decision. Every {@link AccessPolicy} method must be delegated here (a method
 * added to the interface later needs a line here too, or its default would silently apply).
 */
public final class AuditingAccessPolicy implements AccessPolicy {

    private final AccessPolicy delegate;

    public AuditingAccessPolicy(AccessPolicy delegate) {
        this.delegate = delegate;
    }

    public AccessPolicy delegate() {
        return delegate;
    }

    @Override
    public boolean canSeeApiRoot(Requester requester, ApiRootInfo apiRoot) {
        return note(delegate.canSeeApiRoot(requester, apiRoot), "API root hidden", apiRoot.name(), null);
    }

    @Override
    public boolean canRead(Requester requester, CollectionInfo collection) {
        return note(delegate.canRead(requester, collection), "read denied", collection.apiRoot(), collection.id());
    }

    @Override
    public boolean canWrite(Requester requester, CollectionInfo collection) {
        return note(delegate.canWrite(requester, collection), "write denied", collection.apiRoot(), collection.id());
    }

    @Override
    public boolean canReadStatus(Requester requester, String statusOwner) {
        return note(delegate.canReadStatus(requester, statusOwner), "status of another account", null, null);
    }

    private static boolean note(boolean allowed, String what, String apiRoot, String collection) {
        AuditContext context = AuditContext.current();
        if (context != null) {
            context.decided(allowed, what, apiRoot, collection);
        }
        return allowed;
    }
}

package nl.camiso.server.audit;

import jakarta.ws.rs.container.ContainerRequestContext;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.access.Decision;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.spi.Requester;

/**
 * Wraps the server's authorizer and tells the current {@link AuditContext} about each decision,
 * so that {@link AuditFilter} can record the refusal that caused a 403/404 (as
 * {@code "<operation> refused"}). It changes no decision.
 */
public final class AuditingAuthorizer<P extends Requester> implements Authorizer<P> {

    private final Authorizer<P> delegate;

    public AuditingAuthorizer(Authorizer<P> delegate) {
        this.delegate = delegate;
    }

    @Override
    public P principal(ContainerRequestContext request) {
        return delegate.principal(request);
    }

    @Override
    public Decision decide(P principal, Operation operation, Target target) {
        Decision d = delegate.decide(principal, operation, target);
        AuditContext context = AuditContext.current();
        if (context != null) {
            String collection = target.collection() == null ? null : target.collection().id();
            context.decided(d.isAllowed(), operation.label() + " refused", target.apiRootName(), collection);
        }
        return d;
    }
}

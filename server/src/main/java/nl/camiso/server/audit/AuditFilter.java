package nl.camiso.server.audit;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import nl.camiso.server.http.ClientAddress;
import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.spi.Requester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an {@link AuditContext} for every authenticated request (right after the authentication
 * filter) and, when the response is 403 or 404 because the authorizer said no, records one
 * {@link AuditEvent#ACCESS_DENIED} entry: at most one per request, and none for plain "not
 * found" (a missing object in a readable collection) or for lists that merely leave out what
 * the requester may not see.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 100)
public final class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
    private static final String PROPERTY = "camiso.audit.context";

    private final AuditSink audit;

    public AuditFilter(AuditSink audit) {
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Object r = request.getProperty(Requester.PROPERTY);
        AuditContext context = new AuditContext(r instanceof Principal p ? p : null, ClientAddress.of(request),
                request.getMethod(), "/" + request.getUriInfo().getPath());
        request.setProperty(PROPERTY, context);
        AuditContext.begin(context);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        AuditContext.end();
        if (!(request.getProperty(PROPERTY) instanceof AuditContext context)) {
            return; // refused before this filter ran (authentication)
        }
        int status = response.getStatus();
        AuditContext.Denial denial = context.lastDenial();
        if ((status == 403 || status == 404) && denial != null) {
            try {
                audit.record(AuditEvent.builder(AuditEvent.ACCESS_DENIED)
                        .requester(context.requester())
                        .remoteAddress(context.remoteAddress())
                        .apiRoot(denial.apiRoot())
                        .collection(denial.collection())
                        .outcome(AuditEvent.DENIED)
                        .detail(context.method() + " " + context.path() + " -> " + status + " (" + denial.what() + ")")
                        .build());
            } catch (RuntimeException e) {
                LOG.error("cannot record a denied access in the audit log: {}", e.toString());
            }
        }
    }

}

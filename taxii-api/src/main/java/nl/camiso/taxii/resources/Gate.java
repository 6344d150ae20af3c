package nl.camiso.taxii.resources;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Configuration;
import nl.camiso.taxii.TaxiiApi;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;

import static nl.camiso.taxii.TaxiiException.forbidden;
import static nl.camiso.taxii.TaxiiException.notFound;

/**
 * Looks up API roots and collections for one request and applies the access rules, so that every
 * resource answers the same way: 404 for anything missing or invisible (existence is never
 * revealed), 403 only when the requester can see the collection but lacks the right.
 */
final class Gate {

    /** Used when the server's authentication filter set no requester. */
    static final Requester ANONYMOUS = new Requester() {
        @Override
        public String name() {
            return "anonymous";
        }

        @Override
        public boolean isAuthenticated() {
            return false;
        }
    };

    final TaxiiServices services;
    final Requester requester;

    Gate(Configuration config, ContainerRequestContext request) {
        this.services = (TaxiiServices) config.getProperty(TaxiiApi.SERVICES_PROPERTY);
        Object r = request.getProperty(Requester.PROPERTY);
        this.requester = r instanceof Requester req ? req : ANONYMOUS;
    }

    ApiRootInfo apiRoot(String name) {
        return services.catalog().apiRoot(name)
                .filter(root -> services.access().canSeeApiRoot(requester, root))
                .orElseThrow(() -> notFound("API root"));
    }

    /** A collection the requester may read or write; 404 otherwise. */
    CollectionInfo collection(String rootName, String idOrAlias) {
        ApiRootInfo root = apiRoot(rootName);
        return services.catalog().collection(root.name(), idOrAlias)
                .filter(c -> canRead(c) || canWrite(c))
                .orElseThrow(() -> notFound("collection"));
    }

    CollectionInfo readable(String rootName, String idOrAlias) {
        CollectionInfo c = collection(rootName, idOrAlias);
        if (!canRead(c)) {
            throw forbidden("You may not read this collection.");
        }
        return c;
    }

    boolean canRead(CollectionInfo c) {
        return services.access().canRead(requester, c);
    }

    boolean canWrite(CollectionInfo c) {
        return services.access().canWrite(requester, c);
    }
}

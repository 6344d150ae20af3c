package nl.camiso.taxii.testing;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.spi.Requester;

import java.util.Map;

/** Stands in for the server's authentication: header X-Test-User names the user; "bad" gets a 401. */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class TestAuthFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String user = request.getHeaderString("X-Test-User");
        if (user == null) {
            return;
        }
        if (user.equals("bad")) {
            throw new TaxiiException(401, "Unauthorized", "Wrong user name or password.",
                    Map.of("WWW-Authenticate", "Basic realm=\"camiso\""));
        }
        request.setProperty(Requester.PROPERTY, new Requester() {
            @Override
            public String name() {
                return user;
            }

            @Override
            public boolean isAuthenticated() {
                return true;
            }
        });
    }
}

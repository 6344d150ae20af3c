package nl.camiso.server.http;

import nl.camiso.taxii.http.ErrorResponses;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.jersey.server.internal.ContainerUtils;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * In front of Jersey's handler: refuses, with a TAXII 400, a request target that Jersey cannot
 * turn into a URI (a malformed {@code %} escape, a character that must be percent-encoded) and
 * one whose escapes decode to a control character ({@code %00}, {@code %0A}...): no parameter,
 * id or name of this server may hold one, and PostgreSQL cannot store NUL at all. Without this,
 * Jersey's URI parse fails before any exception mapper runs and Grizzly answers a 500 page with
 * a stack trace.
 */
final class RequestTargetGuard extends HttpHandler {

    /** RFC 3986 pchar without the escapes, plus '/'. */
    private static final String PATH_CHARS = "-._~!$&'()*+,;=:@/";

    private final HttpHandler application;

    RequestTargetGuard(HttpHandler application) {
        this.application = application;
    }

    @Override
    public void start() {
        application.start();
    }

    @Override
    public void destroy() {
        application.destroy();
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String problem = problem(request.getRequestURI(), request.getQueryString());
        if (problem != null) {
            byte[] body = ErrorResponses.body(400, "Bad Request", problem);
            response.setStatus(400, "Bad Request");
            response.setContentType(TaxiiMediaTypes.TAXII_21);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        application.service(request, response);
    }

    /** Why this path and query (both as sent, still encoded) are refused; null when they are fine. */
    static String problem(String path, String query) {
        String p = path == null ? "" : path;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c != '%' && !Character.isLetterOrDigit(c) && PATH_CHARS.indexOf(c) < 0 || c > 0x7E) {
                return "The URL path holds a character that must be percent-encoded.";
            }
        }
        String escapes = escapeProblem(p, "path");
        if (escapes == null && query != null) {
            escapes = escapeProblem(query, "query");
        }
        if (escapes != null) {
            return escapes;
        }
        try {
            // what Jersey does with the request target (GrizzlyHttpContainer)
            new URI("http://localhost" + p + (query == null ? "" : "?" + ContainerUtils.encodeUnsafeCharacters(query)));
        } catch (URISyntaxException e) {
            return "The URL is malformed.";
        }
        return null;
    }

    private static String escapeProblem(String s, String where) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            int value = i + 2 < s.length() ? hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)) : -1;
            if (value < 0) {
                return "The URL " + where + " has a malformed percent escape: '%' must be followed by two hex digits.";
            }
            if (value < 0x20 || value == 0x7F) {
                return "The URL " + where + " holds an escaped control character (%" + s.substring(i + 1, i + 3) + ").";
            }
        }
        return null;
    }

    private static int hex(char c) {
        int d = Character.digit(c, 16);
        return d < 0 || c > 0x7F ? -1000 : d;
    }
}

package nl.camiso.taxii.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import nl.camiso.taxii.TaxiiException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Anything unexpected: logged with an id (see {@link ErrorLog}); the client gets a 500 with only
 * that id, no internals. An I/O failure is the request body breaking off or arriving malformed
 * (the server's own code wraps its rare ones in UncheckedIOException): that is the client's 400, and not logged.
 * No database connection free within the pool's wait ({@link SQLTransientConnectionException},
 * however wrapped) is load, not a fault: 503 with {@code Retry-After}, logged at most every 10 s.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final AtomicLong lastOverloadLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                long last = lastOverloadLog.get();
                if (System.nanoTime() - last >= LOG_EVERY_NANOS && lastOverloadLog.compareAndSet(last, System.nanoTime())) {
                    LOG.log(System.Logger.Level.WARNING, "overloaded: no database connection free in time, answering 503 ("
                            + t.getMessage() + ")");
                }
                TaxiiException unavailable = TaxiiException.unavailable("The server is busy; try again in a few seconds.");
                return ErrorResponses.error(unavailable.status(), unavailable.title(), unavailable.description(),
                        unavailable.headers());
            }
        }
        for (Throwable t = e; t != null && !(t instanceof UncheckedIOException); t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return ErrorResponses.error(400, "Bad Request", "The request body could not be read completely.", Map.of());
            }
        }
        String id = ErrorLog.unexpected(e);
        return ErrorResponses.error(500, "Internal Server Error",
                "The server could not complete the request. It has been logged with id " + id + ".", Map.of());
    }
}

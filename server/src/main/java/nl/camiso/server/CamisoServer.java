package nl.camiso.server;

import java.net.URI;

/**
 * A running CAMISO server. Tests and the CLI start one with {@link #start}; {@link #close}
 * stops it cleanly (in-flight requests finish first).
 *
 * <p>TODO(TAXII server issue): implement; this stub cannot start.
 */
public final class CamisoServer implements AutoCloseable {

    private CamisoServer() {
    }

    public static CamisoServer start(ServerOptions options) {
        throw new UnsupportedOperationException("server not implemented yet");
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        throw new UnsupportedOperationException();
    }

    /** e.g. {@code http://127.0.0.1:8080/} */
    public URI baseUri() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}

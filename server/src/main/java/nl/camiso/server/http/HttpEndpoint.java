package nl.camiso.server.http;

import nl.camiso.server.setup.StartupException;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Grizzly HTTP(S) listener for a Jersey application. HTTPS uses a PKCS12 keystore and
 * offers TLS 1.3 and 1.2 only. (The JDK's TLS 1.3 has no 0-RTT early data, so replayable
 * early requests cannot happen.)
 */
public final class HttpEndpoint implements AutoCloseable {

    /** How long {@link #close()} lets in-flight requests run. */
    public static final long GRACE_SECONDS = 20;
    static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final HttpServer server;
    private final URI baseUri;

    private HttpEndpoint(HttpServer server, URI baseUri) {
        this.server = server;
        this.baseUri = baseUri;
    }

    /** @param keystore null for plain HTTP */
    public static HttpEndpoint start(String bind, int port, Path keystore, String keystorePassword, ResourceConfig app) {
        boolean tls = keystore != null;
        String host = bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        URI requested = URI.create((tls ? "https" : "http") + "://" + host + ":" + port + "/");
        // every application on this endpoint knows who is calling, and negotiates JSON one way
        app.register(ClientAddress.class);
        app.register(JsonNegotiationFilter.class);
        HttpServer server = tls
                ? GrizzlyHttpServerFactory.createHttpServer(requested, app, true,
                        sslConfig(keystore, keystorePassword), false)
                : GrizzlyHttpServerFactory.createHttpServer(requested, app, false);
        harden(server);
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            throw new StartupException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        NetworkListener listener = server.getListeners().iterator().next();
        URI actual = URI.create((tls ? "https" : "http") + "://" + host + ":" + listener.getPort() + "/");
        return new HttpEndpoint(server, actual);
    }

    /**
     * Malformed requests get a TAXII error, never Grizzly's HTML page or an empty body: a strict
     * codec for the request head ({@link StrictHttpCodec}), a guard for request targets Jersey
     * cannot parse ({@link RequestTargetGuard}), and JSON for the pages Grizzly writes itself.
     */
    private static void harden(HttpServer server) {
        ServerConfiguration config = server.getServerConfiguration();
        JsonErrorPages pages = new JsonErrorPages();
        config.setDefaultErrorPageGenerator(pages);
        Map<HttpHandler, HttpHandlerRegistration[]> handlers = new HashMap<>(config.getHttpHandlersWithMapping());
        handlers.forEach((handler, mapping) -> {
            config.removeHttpHandler(handler);
            config.addHttpHandler(new RequestTargetGuard(handler), mapping);
        });
        for (NetworkListener listener : server.getListeners()) {
            listener.setDefaultErrorPageGenerator(pages);
            listener.registerAddOn(new StrictHttpCodec.Install());
        }
    }

    private static SSLEngineConfigurator sslConfig(Path keystore, String password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            SSLEngineConfigurator config = new SSLEngineConfigurator(context, false, false, false);
            config.setEnabledProtocols(TLS_PROTOCOLS);
            return config;
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupException("cannot use the TLS keystore " + keystore + " (PKCS12): " + e.getMessage(), e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    public boolean isTls() {
        return "https".equals(baseUri.getScheme());
    }

    /** Stops accepting, lets in-flight requests finish (up to {@link #GRACE_SECONDS}), then stops. */
    @Override
    public void close() {
        try {
            server.shutdown(GRACE_SECONDS, TimeUnit.SECONDS).get(GRACE_SECONDS + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        } catch (ExecutionException | TimeoutException e) {
            server.shutdownNow();
        }
    }
}

package nl.camiso.server.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS from a PKCS12 keystore (made with the JDK's keytool), TLS 1.2/1.3 only. */
class TlsEndpointTest {

    @TempDir
    java.nio.file.Path dir;

    @Path("/hello")
    public static class Hello {
        @GET
        public String get() {
            return "hello";
        }
    }

    @Test
    void servesHttpsWithTls13And12Only() throws Exception {
        java.nio.file.Path ks = dir.resolve("server.p12");
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "camiso", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit").inheritIO().start();
        assertEquals(0, p.waitFor());

        try (HttpEndpoint https = HttpEndpoint.start("127.0.0.1", 0, ks, "changeit", new ResourceConfig(Hello.class))) {
            assertTrue(https.isTls());
            assertEquals("https", https.baseUri().getScheme());
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[]{new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] c, String a) { }
                public void checkServerTrusted(X509Certificate[] c, String a) { }
                public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, null);

            try (SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", https.port())) {
                s.setEnabledProtocols(new String[]{"TLSv1.2"});
                s.startHandshake();
                assertEquals("TLSv1.2", s.getSession().getProtocol());
            }
            try (SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", https.port())) {
                s.startHandshake();
                assertEquals("TLSv1.3", s.getSession().getProtocol());
                s.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes());
                String response = new String(s.getInputStream().readAllBytes());
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                assertTrue(response.endsWith("hello"), response);
            }
            assertThrows(SSLHandshakeException.class, () -> {
                try (SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", https.port())) {
                    s.setEnabledProtocols(new String[]{"TLSv1"});
                    s.startHandshake();
                }
            });
        }
    }
}

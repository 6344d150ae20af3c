package nl.camiso.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare HTTP/1.1 POST over a socket, for the 413 test only. A server may answer 413 as soon as it
 * sees Content-Length and close the connection without reading the body; HTTP client libraries
 * then fail with "broken pipe" before reading the answer. This one stops writing on such an
 * error and still reads the status line and headers the server sent.
 */
final class RawHttp {

    record Result(int status, Map<String, String> headers) {
    }

    private RawHttp() {
    }

    static Result post(URI uri, String user, String password, Map<String, String> headers, byte[] body) throws IOException {
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("plain http only: " + uri);
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        try (Socket socket = new Socket(uri.getHost(), port)) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder()
                    .append("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n")
                    .append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                for (int off = 0; off < body.length; off += 64 * 1024) {
                    out.write(body, off, Math.min(64 * 1024, body.length - off));
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // the server stopped reading; its answer may already be waiting
            }
            return readHead(socket.getInputStream());
        }
    }

    private static Result readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            buffer.write(b);
            String text = buffer.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                String[] lines = text.split("\r\n");
                int status = Integer.parseInt(lines[0].split(" ")[1]);
                if (status == 100) {       // interim response: read the final one
                    buffer.reset();
                    continue;
                }
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                lines[i].substring(colon + 1).trim());
                    }
                }
                return new Result(status, headers);
            }
        }
        throw new IOException("connection closed before a response: " + buffer.toString(StandardCharsets.ISO_8859_1));
    }
}

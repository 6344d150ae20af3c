package nl.camiso.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends bytes as they are over a socket and reads one HTTP response: for requests no HTTP client
 * library would send (malformed escapes, bad request lines, broken chunking). Every read has a
 * timeout, so a server that never answers fails the test instead of hanging it.
 */
final class RawHttpClient {

    /** One answer; {@code closedAfterMillis} is how long after the response the server closed (-1: it did not within the wait). */
    record Answer(int status, Map<String, String> headers, byte[] body, long closedAfterMillis) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttpClient() {
    }

    /** Writes the parts (with a short pause between them: arrival in pieces), reads one response, then waits up to {@code closeWaitMillis} for the close. */
    static Answer exchange(int port, List<byte[]> parts, int readTimeoutMillis, int closeWaitMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                for (int i = 0; i < parts.size(); i++) {
                    if (i > 0) {
                        pause();
                    }
                    out.write(parts.get(i));
                    out.flush();
                }
            } catch (IOException refusedEarly) {
                // the server answered and closed before reading everything; its answer may be waiting
            }
            InputStream in = socket.getInputStream();
            Answer head = readResponse(in);
            socket.setSoTimeout(closeWaitMillis);
            long t0 = System.nanoTime();
            long closed = -1;
            try {
                if (in.read() == -1) {
                    closed = (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (SocketTimeoutException e) {
                closed = -1;
            } catch (IOException reset) {
                closed = (System.nanoTime() - t0) / 1_000_000;
            }
            return new Answer(head.status(), head.headers(), head.body(), closed);
        }
    }

    static Answer exchange(int port, byte[] request) throws IOException {
        return exchange(port, List.of(request), 5_000, 1_000);
    }

    /** Reads one response (status line, headers, a Content-Length or chunked body) from the stream. */
    static Answer readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r\n\r\n")) {
            throw new IOException("connection closed before a complete response: '" + text + "'");
        }
        String[] lines = text.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String size = readLine(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    readLine(in);
                    break;
                }
                body.write(in.readNBytes(n));
                readLine(in);
            }
        }
        return new Answer(status, headers, body.toByteArray(), -1);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private static void pause() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

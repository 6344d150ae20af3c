package nl.camiso.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks the head (request line and header lines) of one HTTP/1.1 request while it arrives, line
 * by line, and rejects what RFC 9112 does not allow before Grizzly's lenient parser sees it:
 * Grizzly waits for more input on a request line without spaces or a header line without a
 * colon (the client hangs), answers 505 to a space in the path, and passes control characters on.
 *
 * <p>Rules: request line {@code METHOD SP target SP HTTP/1.1} (or 1.0), method a token, target
 * visible ASCII starting with {@code /} (or an absolute {@code http(s)://} URL); header lines
 * {@code name ":" value}, name a token, value without control characters other than tab; no
 * folded lines; lines end in CRLF or LF. Then: HTTP/1.1 needs exactly one Host; at most one
 * Content-Length, digits only; Transfer-Encoding only {@code chunked} and not with a
 * Content-Length (request smuggling); no CONNECT (this is not a proxy).
 */
final class RequestHeadCheck {

    /** The bytes of the head seen so far, from its first byte. */
    interface Bytes {
        byte at(int index);
    }

    /** Why a head was refused, and with which status. */
    static final class Rejected extends IllegalStateException {
        final int status;

        Rejected(int status, String why) {
            super(why);
            this.status = status;
        }
    }

    private static final String BAD_LINE = "The request line must read 'METHOD /path HTTP/1.1'.";
    private static final byte[] HTTP_10 = "HTTP/1.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_11 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);

    /** Where the head starts in its buffer: a check belongs to one head. */
    final int start;
    private int lineStart;
    private boolean requestLineDone;
    private boolean http11;
    private String method;
    private int hosts;
    private int contentLengths;
    private String contentLength;
    private String transferEncoding;
    private boolean complete;

    RequestHeadCheck(int start) {
        this.start = start;
    }

    /**
     * Checks the lines not checked yet.
     *
     * @param length how many bytes of the head have arrived
     * @return true when the head is complete (and valid)
     * @throws Rejected when it is not valid, even if incomplete
     */
    boolean feed(Bytes in, int length) {
        while (!complete) {
            int lf = -1;
            for (int i = lineStart; i < length; i++) {
                if (in.at(i) == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0) {
                int end = length;
                if (end > lineStart && in.at(end - 1) == '\r') {
                    end--; // its LF may come with the next packet
                }
                checkLine(in, lineStart, end, false);
                return false;
            }
            int end = lf > lineStart && in.at(lf - 1) == '\r' ? lf - 1 : lf;
            checkLine(in, lineStart, end, true);
            lineStart = lf + 1;
        }
        return true;
    }

    private void checkLine(Bytes in, int from, int to, boolean whole) {
        if (!requestLineDone) {
            if (whole && from == to) {
                throw new Rejected(400, BAD_LINE);
            }
            requestLine(in, from, to, whole);
            requestLineDone = whole;
        } else if (whole && from == to) {
            endOfHead();
        } else {
            headerLine(in, from, to, whole);
        }
    }

    private void requestLine(Bytes in, int from, int to, boolean whole) {
        int i = from;
        while (i < to && isTokenChar(in.at(i))) {
            i++;
        }
        if (i == to) {
            if (whole) {
                throw new Rejected(400, BAD_LINE);
            }
            return;
        }
        if (in.at(i) != ' ' || i == from) {
            throw new Rejected(400, BAD_LINE);
        }
        int targetStart = i + 1;
        int j = targetStart;
        while (j < to && isVisible(in.at(j))) {
            j++;
        }
        if (j == to) {
            if (whole) {
                throw new Rejected(400, BAD_LINE);
            }
            return;
        }
        if (in.at(j) != ' ' || j == targetStart) {
            throw new Rejected(400, "The request line must read 'METHOD /path HTTP/1.1', with no space or control"
                    + " character in the path (percent-encode it).");
        }
        int versionStart = j + 1;
        int versionLength = to - versionStart;
        boolean v11 = matches(in, versionStart, versionLength, HTTP_11, whole);
        boolean v10 = matches(in, versionStart, versionLength, HTTP_10, whole);
        if (!v11 && !v10) {
            throw new Rejected(400, "Only HTTP/1.1 and HTTP/1.0 are served; the request line must end in 'HTTP/1.1'.");
        }
        if (whole) {
            http11 = v11;
            method = ascii(in, from, i);
            String target = ascii(in, targetStart, j);
            if (!target.startsWith("/") && !target.regionMatches(true, 0, "http://", 0, 7)
                    && !target.regionMatches(true, 0, "https://", 0, 8)) {
                throw new Rejected(400, "The request target must be a path starting with '/'.");
            }
        }
    }

    private void headerLine(Bytes in, int from, int to, boolean whole) {
        int i = from;
        while (i < to && isTokenChar(in.at(i))) {
            i++;
        }
        if (i == to) {
            if (whole) {
                throw new Rejected(400, "Every header line must read 'Name: value'; one has no colon.");
            }
            return;
        }
        byte b = in.at(i);
        if (i == from && (b == ' ' || b == '\t')) {
            throw new Rejected(400, "Folded (multi-line) header values are not accepted.");
        }
        if (b != ':' || i == from) {
            throw new Rejected(400, "A header name may hold only letters, digits and !#$%&'*+-.^_`|~, followed directly by ':'.");
        }
        String name = ascii(in, from, i);
        for (int j = i + 1; j < to; j++) {
            byte v = in.at(j);
            if (v != '\t' && (v & 0xFF) < 0x20 || v == 0x7F) {
                throw new Rejected(400, "The value of header '" + name + "' contains a control character.");
            }
        }
        if (whole) {
            String value = ascii(in, i + 1, to).trim();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "host" -> hosts++;
                case "content-length" -> {
                    contentLengths++;
                    contentLength = value;
                }
                case "transfer-encoding" -> transferEncoding = transferEncoding == null ? value : transferEncoding + "," + value;
                default -> {
                }
            }
        }
    }

    private void endOfHead() {
        if (http11 && hosts == 0) {
            throw new Rejected(400, "An HTTP/1.1 request needs a Host header.");
        }
        if (hosts > 1) {
            throw new Rejected(400, "A request may have only one Host header.");
        }
        if (contentLengths > 1) {
            throw new Rejected(400, "A request may have only one Content-Length header.");
        }
        if (contentLength != null && !contentLength.matches("[0-9]{1,18}")) {
            throw new Rejected(400, "Content-Length must be a number of octets.");
        }
        if (transferEncoding != null) {
            if (contentLength != null) {
                throw new Rejected(400, "A request may not have both Content-Length and Transfer-Encoding.");
            }
            if (!transferEncoding.equalsIgnoreCase("chunked")) {
                throw new Rejected(400, "The only Transfer-Encoding accepted is 'chunked'.");
            }
        }
        if ("CONNECT".equals(method)) {
            throw new Rejected(405, "CONNECT is not supported: this server is no proxy.");
        }
        complete = true;
    }

    /** Whether the bytes equal {@code expected}, or (for a partial line) start it. */
    private static boolean matches(Bytes in, int from, int length, byte[] expected, boolean whole) {
        if (whole ? length != expected.length : length > expected.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (in.at(from + k) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(Bytes in, int from, int to) {
        byte[] b = new byte[to - from];
        for (int k = 0; k < b.length; k++) {
            b[k] = in.at(from + k);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(byte b) {
        if (b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z') {
            return true;
        }
        return b > 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    /** Visible ASCII: what a request target may hold (anything else is percent-encoded). */
    private static boolean isVisible(byte b) {
        return b > 0x20 && b < 0x7F;
    }
}

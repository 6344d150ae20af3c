package nl.camiso.server.http;

import nl.camiso.taxii.http.ErrorResponses;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

import java.io.IOException;

/**
 * Grizzly's HTTP codec with a strict request head ({@link RequestHeadCheck}) and TAXII error
 * bodies: every request the codec itself refuses (unparsable request line or header, head too
 * large, bad Content-Length or chunk size) gets a 4xx with a JSON error resource and
 * {@code Connection: close}, instead of an empty body, a 505, or no answer at all.
 *
 * <p>Installed as an {@link AddOn}, which replaces the listener's codec filter with this one,
 * keeping its settings.
 */
final class StrictHttpCodec extends HttpServerFilter {

    private static final String CHECK = StrictHttpCodec.class.getName() + ".check";
    private static final String PROBLEM = StrictHttpCodec.class.getName() + ".problem";

    /** The add-on that puts a {@link StrictHttpCodec} in the listener's filter chain. */
    static final class Install implements AddOn {
        @Override
        public void setup(NetworkListener listener, FilterChainBuilder chain) {
            int index = chain.indexOfType(HttpServerFilter.class);
            HttpServerFilter original = (HttpServerFilter) chain.get(index);
            int maxHeaderSize = listener.getMaxHttpHeaderSize() == -1
                    ? HttpServerFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : listener.getMaxHttpHeaderSize();
            StrictHttpCodec strict = new StrictHttpCodec(listener, maxHeaderSize);
            for (ContentEncoding e : original.getContentEncodings()) {
                strict.addContentEncoding(e);
            }
            strict.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
            strict.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
            strict.getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
            chain.set(index, strict);
        }
    }

    @SuppressWarnings("deprecation")
    private StrictHttpCodec(NetworkListener listener, int maxHeaderSize) {
        super(listener.isChunkingEnabled(), maxHeaderSize, null, listener.getKeepAlive(), null,
                listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
    }

    /** Called while a request head is incomplete, with the head so far from {@code input.position()}. */
    @Override
    protected boolean decodeHttpPacket(FilterChainContext ctx, HttpPacketParsing packet, Buffer input) {
        HttpHeader header = (HttpHeader) packet;
        int start = input.position();
        RequestHeadCheck check = (RequestHeadCheck) header.getAttributes().getAttribute(CHECK);
        if (check == null || check.start != start) {
            check = new RequestHeadCheck(start);
            header.getAttributes().setAttribute(CHECK, check);
        }
        if (check.feed(i -> input.get(start + i), input.limit() - start)) {
            header.getAttributes().removeAttribute(CHECK);
        }
        return super.decodeHttpPacket(ctx, packet, input);
    }

    /**
     * A body whose chunked encoding broke has been answered ({@link #onHttpContentError}) and the
     * connection is closing: the broken content goes no further, where Grizzly would log its
     * parse exception with a stack trace (a reader already waiting for the body gets an
     * IOException when the connection closes).
     */
    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        NextAction next = super.handleRead(ctx);
        Object message = ctx.getMessage();
        if (message instanceof HttpContent content && HttpContent.isBroken(content)) {
            return ctx.getStopAction();
        }
        return next;
    }

    /**
     * The server speaks HTTP/1.1 only, so an {@code Upgrade} request header (curl's and Java's
     * HttpClient's {@code h2c}, a WebSocket handshake) is ignored, as RFC 9110 allows: the request
     * is served as plain HTTP/1.1. Grizzly's default treats the connection as switched, stops
     * reading the body by its Content-Length, and the request then waits forever for its body.
     */
    @Override
    protected void onIncomingUpgrade(FilterChainContext ctx, HttpHeader header) {
        header.getUpgradeDC().recycle();
        header.getHeaders().removeHeader(Header.Upgrade);
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t) throws IOException {
        HttpResponsePacket response = ((org.glassfish.grizzly.http.HttpRequestPacket) header).getResponse();
        String message = t == null || t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof RequestHeadCheck.Rejected r) {
            refuse(response, r.status, r.getMessage());
        } else if (message.contains("intial line is too large") || message.contains("initial line is too large")) {
            refuse(response, 414, "The request line (method, URL, version) must fit in " + maxHeadersSize() + " octets.");
        } else if (message.contains("too large")) {
            refuse(response, 431, "The request line and headers must fit in " + maxHeadersSize() + " octets.");
        } else if (response.getStatus() < 400 || response.getStatus() >= 500) {
            refuse(response, 400, "The request head could not be parsed.");
        }
        super.onHttpHeaderError(header, ctx, t);
    }

    @Override
    protected void onHttpContentError(HttpHeader header, FilterChainContext ctx, Throwable t) throws IOException {
        HttpResponsePacket response = ((org.glassfish.grizzly.http.HttpRequestPacket) header).getResponse();
        if (!response.isCommitted()) {
            refuse(response, 400, "The request body could not be read: its length or chunked encoding is malformed.");
        }
        super.onHttpContentError(header, ctx, t);
    }

    private int maxHeadersSize() {
        return maxHeadersSize;
    }

    private static void refuse(HttpResponsePacket response, int status, String why) {
        response.setStatus(status);
        response.setReasonPhrase(reasonPhrase(status));
        response.getAttributes().setAttribute(PROBLEM, why);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            default -> "Bad Request";
        };
    }

    /** The body of every answer the codec sends on its own: a TAXII error; the connection then closes. */
    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        int status = response.getStatus();
        if (status < 400 || status >= 500) {
            status = 400;
            response.setStatus(status);
        }
        response.setReasonPhrase(reasonPhrase(status));
        Object why = response.getAttributes().getAttribute(PROBLEM);
        byte[] body = ErrorResponses.body(status, reasonPhrase(status),
                why == null ? "The request could not be parsed." : why.toString());
        // set as plain headers too: for a head that did not parse, Grizzly skips its own response preparation
        response.setContentType(TaxiiMediaTypes.TAXII_21);
        response.getHeaders().setValue(Header.ContentType).setString(TaxiiMediaTypes.TAXII_21);
        response.getHeaders().setValue(Header.Connection).setString("close");
        response.setContentLength(body.length);
        response.getProcessingState().setKeepAlive(false);
        return HttpContent.builder(response)
                .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                .last(true)
                .build();
    }
}

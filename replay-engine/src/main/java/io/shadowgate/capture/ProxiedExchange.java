package io.shadowgate.capture;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.shadowgate.traffic.EndpointNames;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.RecordedResponse;
import io.shadowgate.traffic.Request;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One request/response exchange passing through a proxy connection, and, when it is sampled,
 * its record in the making. Used on its connection's event loop only.
 *
 * <p>Truncation marker: a body longer than the record's limit is kept up to the limit and the
 * recorded headers get {@value #TRUNCATED_HEADER}{@code : request-body} (request) or
 * {@code : response-body} (recorded response), since {@link Request} has no flag for it. A
 * replay that sends such a request sends the marker too; that is intended, the upstream can
 * tell a cut body from a bad one.
 */
final class ProxiedExchange {

    static final String TRUNCATED_HEADER = "X-Shadowgate-Truncated";

    private final HttpMethod method;
    private final boolean clientKeepAlive;
    /** Null when the exchange is not recorded. */
    private final ArrivalOrder.Ticket ticket;
    private final String path;
    private final List<Header> requestHeaders;
    private final BoundedBody requestBody;
    private BoundedBody responseBody;
    private List<Header> responseHeaders;
    private int status;
    private boolean responseStarted;
    private boolean closeAfter;
    private boolean ended;

    /** Reads what it needs from {@code request} before its headers are changed for forwarding. */
    ProxiedExchange(HttpRequest request, ArrivalOrder.Ticket ticket, int maxBodyBytes) {
        this.method = request.method();
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
        this.ticket = ticket;
        this.path = ticket == null ? null : originForm(request.uri());
        this.requestHeaders = ticket == null ? null : HopByHop.recordable(request.headers());
        this.requestBody = ticket == null ? null : new BoundedBody(maxBodyBytes);
        if (ticket != null) {
            this.responseBody = new BoundedBody(maxBodyBytes);
        }
    }

    ArrivalOrder.Ticket ticket() {
        return ticket;
    }

    void requestContent(HttpContent content) {
        if (ticket != null) {
            requestBody.append(content.content());
        }
    }

    /**
     * The final response's head arrived from the upstream: records it and decides whether the
     * client connection stays open after it. Call before its headers are changed for forwarding.
     *
     * @param draining whether the proxy is shutting down, which closes every connection after its response
     */
    void responseHead(HttpResponse response, boolean draining) {
        responseStarted = true;
        status = response.status().code();
        closeAfter = draining || !clientKeepAlive || !HttpUtil.isKeepAlive(response) || !selfDelimited(response);
        if (ticket != null) {
            responseHeaders = HopByHop.recordable(response.headers());
        }
    }

    void responseContent(HttpContent content) {
        if (ticket != null) {
            responseBody.append(content.content());
        }
    }

    /** Whether any of the final response has been seen, so the client can no longer be sent a 502 instead. */
    boolean responseStarted() {
        return responseStarted;
    }

    /** Whether the client connection must close once this response has been written. */
    boolean closeAfter() {
        return closeAfter;
    }

    /** Marks the exchange ended; false if it already was, so it is accounted for exactly once. */
    boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }

    /** The record of a recorded exchange whose response just ended; id and offset are placeholders the writer sets. */
    Request toRequest(long endNanos) {
        List<Header> headers = marked(requestHeaders, requestBody, "request-body");
        RecordedResponse response = new RecordedResponse(status, marked(responseHeaders, responseBody, "response-body"),
                responseBody.toArray(), Math.max(0, (endNanos - ticket.arrivalNanos()) / 1_000));
        String name = method.name();
        return new Request(0, 0, EndpointNames.of(name, path), name, path, headers, requestBody.toArray(), null, response);
    }

    private static List<Header> marked(List<Header> headers, BoundedBody body, String what) {
        if (!body.truncated()) {
            return List.copyOf(headers);
        }
        List<Header> out = new ArrayList<>(headers.size() + 1);
        out.addAll(headers);
        out.add(new Header(TRUNCATED_HEADER, what));
        return List.copyOf(out);
    }

    /**
     * Whether the client can tell where this response ends without the connection closing: a
     * length, chunking, or no body at all. Otherwise the body ends when the upstream closes,
     * and so must the client connection.
     */
    private boolean selfDelimited(HttpResponse response) {
        int code = response.status().code();
        return HttpMethod.HEAD.equals(method) || code == 204 || code == 304 || code < 200
                || response.headers().contains(HttpHeaderNames.CONTENT_LENGTH) || HttpUtil.isTransferEncodingChunked(response);
    }

    /** Records need a path; a request in absolute form ({@code GET http://host/p?q}) is recorded as {@code /p?q}. */
    private static String originForm(String uri) {
        if (uri.startsWith("/")) {
            return uri;
        }
        try {
            URI parsed = URI.create(uri);
            String raw = parsed.getRawPath() == null ? "" : parsed.getRawPath();
            String p = raw.startsWith("/") ? raw : "/" + raw;
            return parsed.getRawQuery() == null ? p : p + "?" + parsed.getRawQuery();
        } catch (IllegalArgumentException e) {
            return "/" + uri;
        }
    }
}

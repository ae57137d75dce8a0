package io.shadowgate.capture;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real upstream for the proxy tests, on loopback (the JDK's HTTP server, so the proxy meets
 * an implementation other than its own Netty codecs). Any thread.
 *
 * <ul>
 *   <li>{@code POST /echo}: the request body back, chunked in 64 KiB pieces;</li>
 *   <li>{@code GET /chunked}: ten lines {@code part-N}, chunked, flushed one by one;</li>
 *   <li>{@code GET /login}: {@code ok} with a {@code Set-Cookie};</li>
 *   <li>{@code GET /slow}: {@code slow} after 300 ms.</li>
 * </ul>
 * Every handler remembers the request headers it saw, by path.
 */
final class TestUpstream implements AutoCloseable {

    static {
        // The JDK server writes head and body separately without TCP_NODELAY: each exchange
        // would wait 40 ms for a delayed ACK. Read once, when the server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Headers> seen = new ConcurrentHashMap<>();

    private TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/echo", ex -> handle(ex, () -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < body.length; i += 65_536) {
                    out.write(body, i, Math.min(65_536, body.length - i));
                    out.flush();
                }
            }
        }));
        server.createContext("/chunked", ex -> handle(ex, () -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write(("part-" + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        }));
        server.createContext("/login", ex -> handle(ex, () -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=abc123; HttpOnly");
            reply(ex, "ok");
        }));
        server.createContext("/slow", ex -> handle(ex, () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, "slow");
        }));
        server.start();
    }

    static TestUpstream start() throws IOException {
        return new TestUpstream();
    }

    Upstream upstream() {
        return new Upstream("127.0.0.1", server.getAddress().getPort());
    }

    /** The headers the last request to {@code path} carried. */
    Headers seen(String path) {
        return seen.get(path);
    }

    /** The value of {@code name} in the last request to {@code path}, or null. */
    String seen(String path, String name) {
        Headers h = seen.get(path);
        List<String> values = h == null ? null : h.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private interface Body {
        void run() throws IOException;
    }

    private void handle(HttpExchange ex, Body body) throws IOException {
        seen.put(ex.getRequestURI().getPath(), ex.getRequestHeaders());
        try (ex) {
            body.run();
        }
    }

    private static void reply(HttpExchange ex, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package io.shadowgate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shadowgate.metrics.LiveFigures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Serves a run's live figures to Prometheus at {@code GET /metrics} while the run lasts
 * ({@code --metrics-port}), with the JDK's own HTTP server on one daemon thread. Listens on
 * loopback unless told otherwise ({@code --metrics-bind}): the figures are the run's business.
 * Each scrape reads the figures afresh; recording never waits for it.
 */
final class MetricsEndpoint implements AutoCloseable {

    static final String DEFAULT_BIND = "127.0.0.1";
    static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Where to listen, from {@code --metrics-bind} and {@code --metrics-port}; null when no port
     * was given (no endpoint).
     *
     * @throws CommandLine.ParameterException for a port out of range, an address that is not one,
     *                                        or {@code --metrics-bind} without {@code --metrics-port}
     */
    static InetSocketAddress address(String bind, Integer port, CommandLine commandLine) {
        if (port == null) {
            if (bind != null) {
                throw new CommandLine.ParameterException(commandLine, "--metrics-bind goes with --metrics-port PORT");
            }
            return null;
        }
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(commandLine,
                    "--metrics-port must be between 0 (any free port) and 65535, was " + port);
        }
        String host = bind == null ? DEFAULT_BIND : bind;
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(commandLine,
                    "--metrics-bind must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0, was '" + host + "'");
        }
    }

    /**
     * Starts serving {@code live} at {@code address}.
     *
     * @throws BadInputException if nothing can listen there (port taken, address not local)
     */
    static MetricsEndpoint start(InetSocketAddress address, Supplier<LiveFigures> live, RunPlan plan)
            throws BadInputException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new BadInputException("--metrics-port: cannot listen on " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + " (" + e.getMessage() + ")");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shadowgate-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> handle(exchange, live, plan));
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    private static void handle(HttpExchange exchange, Supplier<LiveFigures> live, RunPlan plan) throws IOException {
        try {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = PrometheusText.render(live.get(), plan).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    /** Where it listens, with the port actually bound (for port 0). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** The scrape URL, for the line that tells the user where to point Prometheus. */
    String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + PATH;
    }

    /** Stops listening at once; a scrape in progress is cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.shadowgate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.SynthesizedTraffic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** What the replayer adds per target: headers (e.g. credentials) and the Host it presents. */
class TargetEndpointTest {

    /** A real HTTP server on loopback that remembers the headers it was sent. */
    private static HttpServer recording(ConcurrentLinkedQueue<Map<String, List<String>>> seen) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void eachTargetGetsItsOwnHeadersAndHost() throws Exception {
        ConcurrentLinkedQueue<Map<String, List<String>>> baselineSaw = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Map<String, List<String>>> candidateSaw = new ConcurrentLinkedQueue<>();
        HttpServer baseline = recording(baselineSaw);
        HttpServer candidate = recording(candidateSaw);
        try {
            Map<String, TargetEndpoint> targets = new LinkedHashMap<>();
            targets.put("baseline", TargetEndpoint.of(URI.create("http://127.0.0.1:" + baseline.getAddress().getPort())));
            targets.put("candidate", new TargetEndpoint(URI.create("http://127.0.0.1:" + candidate.getAddress().getPort()),
                    List.of(new Header("Authorization", "Bearer candidate-secret")), "api.internal"));
            ReplayOptions options = new ReplayOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 4, 1, 1, false);
            TrafficSpec spec = new TrafficSpec(Duration.ofMillis(200), 50, TrafficSpec.Arrivals.CONSTANT, List.of(
                    new RequestTemplate("a", 1, "GET", "/a", Map.of("Authorization", "Bearer recorded"), null)));
            try (Replayer replayer = Replayer.forEndpoints(targets, options, o -> { })) {
                replayer.connect();
                replayer.replay(new SynthesizedTraffic(spec, 1));
            }
        } finally {
            baseline.stop(0);
            candidate.stop(0);
        }

        assertThat(candidateSaw).hasSize(10).allSatisfy(h -> {
            assertThat(h.get("Authorization")).containsExactly("Bearer candidate-secret");
            assertThat(h.get("Host")).containsExactly("api.internal");
        });
        assertThat(baselineSaw).hasSize(10).allSatisfy(h -> {
            assertThat(h.get("Authorization")).containsExactly("Bearer recorded");
            assertThat(h.get("Host").get(0)).startsWith("127.0.0.1:");
        });
    }
}

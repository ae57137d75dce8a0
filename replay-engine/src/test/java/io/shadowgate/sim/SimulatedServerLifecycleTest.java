package io.shadowgate.sim;

import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting, stopping and failing to start. */
class SimulatedServerLifecycleTest {

    private static final SimulatedProfile PROFILE =
            new SimulatedProfile("v1", LatencyProfile.INSTANT, 0, SimulatedProfile.DEFAULT_ERROR_STATUS, List.of());

    @Test
    void closeReleasesThePort() throws Exception {
        int port;
        try (SimulatedServer server = SimulatedServer.start(PROFILE, "127.0.0.1", 0, 1L)) {
            port = server.port();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(server.address() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseGivesAClearMessage() {
        try (SimulatedServer first = SimulatedServer.start(PROFILE, "127.0.0.1", 0, 1L)) {
            int port = first.port();
            assertThatThrownBy(() -> SimulatedServer.start(PROFILE, "127.0.0.1", port, 1L))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": Address already in use");
        }
    }

    @Test
    void awaitCloseReturnsOnceClosed() throws Exception {
        SimulatedServer server = SimulatedServer.start(PROFILE, "127.0.0.1", 0, 1L);
        CountDownLatch returned = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                server.awaitClose();
                returned.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        assertThat(returned.await(100, TimeUnit.MILLISECONDS)).isFalse();
        server.close();
        server.close(); // idempotent
        assertThat(returned.await(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void invalidArgumentsAreRejectedBeforeBinding() {
        assertThatThrownBy(() -> SimulatedServer.start(PROFILE, "127.0.0.1", 70_000, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> SimulatedServer.start(PROFILE, "127.0.0.1", 0, 1L, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        SimulatedProfile badRate = new SimulatedProfile("v1", LatencyProfile.INSTANT, 2, 503, List.of());
        assertThatThrownBy(() -> SimulatedServer.start(badRate, "127.0.0.1", 0, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorRate");
    }
}

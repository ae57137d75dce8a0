package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.metrics.LiveFigures;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The Prometheus endpoint: the exposition text on its own, then scraped over loopback. */
class MetricsEndpointTest {

    private static final RunPlan PLAN = new RunPlan(12_000, 30_000);
    private static final LiveFigures FIGURES = new LiveFigures(12_500, 5_040, List.of(
            new LiveFigures.Target("baseline", 5_040, 3, 5_037, 0, 12.5),
            new LiveFigures.Target("candidate", 5_040, 5, 5_035, 2, Double.NaN)));

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> send(String method, String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static InetSocketAddress anyFreeLoopbackPort() {
        return MetricsEndpoint.address(null, 0, new CommandLine(CommandLine.Model.CommandSpec.create()));
    }

    @Test
    void theTextIsPrometheusExpositionFormatZeroZeroFour() {
        assertThat(PrometheusText.render(FIGURES, PLAN)).isEqualTo("""
                # HELP shadowgate_run_elapsed_seconds Seconds since the run's recording started.
                # TYPE shadowgate_run_elapsed_seconds gauge
                shadowgate_run_elapsed_seconds 12.5
                # HELP shadowgate_requests_planned Requests the run's traffic holds, each sent to every target.
                # TYPE shadowgate_requests_planned gauge
                shadowgate_requests_planned 12000
                # HELP shadowgate_requests_scheduled_total Requests read from the traffic and scheduled so far.
                # TYPE shadowgate_requests_scheduled_total counter
                shadowgate_requests_scheduled_total 5040
                # HELP shadowgate_requests_sent_total Requests handed to the target so far.
                # TYPE shadowgate_requests_sent_total counter
                shadowgate_requests_sent_total{target="baseline"} 5040
                shadowgate_requests_sent_total{target="candidate"} 5040
                # HELP shadowgate_requests_in_flight Requests sent to the target and not ended yet.
                # TYPE shadowgate_requests_in_flight gauge
                shadowgate_requests_in_flight{target="baseline"} 3
                shadowgate_requests_in_flight{target="candidate"} 5
                # HELP shadowgate_requests_completed_total Requests that ended at the target in a response, a timeout or a connection error.
                # TYPE shadowgate_requests_completed_total counter
                shadowgate_requests_completed_total{target="baseline"} 5037
                shadowgate_requests_completed_total{target="candidate"} 5035
                # HELP shadowgate_errors_total 5xx responses, timeouts and connection errors at the target.
                # TYPE shadowgate_errors_total counter
                shadowgate_errors_total{target="baseline"} 0
                shadowgate_errors_total{target="candidate"} 2
                # HELP shadowgate_latency_p99_seconds 99th percentile latency from the intended send over the last one-second interval (NaN when it had none).
                # TYPE shadowgate_latency_p99_seconds gauge
                shadowgate_latency_p99_seconds{target="baseline"} 0.0125
                shadowgate_latency_p99_seconds{target="candidate"} NaN
                """);
    }

    @Test
    void labelValuesAndHelpAreEscapedAsTheFormatSays() {
        assertThat(PrometheusText.escapeLabel("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
        assertThat(PrometheusText.escapeHelp("a\\b\"c\nd")).isEqualTo("a\\\\b\"c\\nd");
        LiveFigures odd = new LiveFigures(0, 0, List.of(new LiveFigures.Target("x\"y", 0, 0, 0, 0, 1)));
        assertThat(PrometheusText.render(odd, PLAN)).contains("shadowgate_errors_total{target=\"x\\\"y\"} 0\n");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(1e-4)).isEqualTo("1.0E-4");
    }

    @Test
    void aScrapeGetsTheFiguresOfTheMomentOverLoopback() throws Exception {
        AtomicLong scheduled = new AtomicLong(5_040);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(anyFreeLoopbackPort(),
                () -> new LiveFigures(12_500, scheduled.get(), FIGURES.targets()), PLAN)) {
            assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(endpoint.address().getPort()).isPositive();
            assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics");

            HttpResponse<String> first = send("GET", endpoint.url());
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(first.body()).isEqualTo(PrometheusText.render(FIGURES, PLAN));

            scheduled.set(6_000);
            assertThat(send("GET", endpoint.url()).body()).contains("\nshadowgate_requests_scheduled_total 6000\n");

            HttpResponse<String> head = send("HEAD", endpoint.url());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            HttpResponse<String> post = send("POST", endpoint.url());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            String base = "http://127.0.0.1:" + endpoint.address().getPort();
            assertThat(send("GET", base + "/metricsx").statusCode()).isEqualTo(404);
            assertThat(send("GET", base + "/").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void closingStopsListening() throws Exception {
        MetricsEndpoint endpoint = MetricsEndpoint.start(anyFreeLoopbackPort(), () -> FIGURES, PLAN);
        int port = endpoint.address().getPort();
        endpoint.close();

        // The port is free again.
        try (ServerSocket again = new ServerSocket(port, 1, endpoint.address().getAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aTakenPortIsACleanError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = new InetSocketAddress(taken.getInetAddress(), taken.getLocalPort());
            assertThatThrownBy(() -> MetricsEndpoint.start(address, () -> FIGURES, PLAN))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("--metrics-port: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (");
        }
    }

    @Test
    void theOptionsBindLoopbackUnlessToldOtherwise() {
        CommandLine cl = new CommandLine(CommandLine.Model.CommandSpec.create());
        assertThat(MetricsEndpoint.address(null, null, cl)).isNull();
        InetSocketAddress byDefault = MetricsEndpoint.address(null, 9464, cl);
        assertThat(byDefault.getAddress().isLoopbackAddress()).isTrue();
        assertThat(byDefault.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(byDefault.getPort()).isEqualTo(9464);
        assertThat(MetricsEndpoint.address("0.0.0.0", 9464, cl).getAddress().isAnyLocalAddress()).isTrue();

        assertThatThrownBy(() -> MetricsEndpoint.address(null, 70_000, cl))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--metrics-port must be between 0 (any free port) and 65535, was 70000");
        assertThatThrownBy(() -> MetricsEndpoint.address("0.0.0.0", null, cl))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--metrics-bind goes with --metrics-port PORT");
        assertThatThrownBy(() -> MetricsEndpoint.address("no such host.invalid", 9464, cl))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--metrics-bind must be an address of this machine");
    }
}

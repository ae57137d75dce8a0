package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.cli.RunCommandTest.Result;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.TrafficFileReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shadowgate capture}: runs until stopped, then says what it recorded; bad options are usage errors. */
class CaptureCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+),");

    @TempDir
    Path tmp;

    @Test
    void recordsUntilStoppedThenPrintsTheCounts() throws Exception {
        Path out = tmp.resolve("capture.jsonl.gz");
        StringWriter printed = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(printed, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        CaptureCommand command = cl.getSubcommands().get("capture").getCommand();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        SimulatedProfile profile = new SimulatedProfile("3.0", LatencyProfile.INSTANT, 0, 503, List.of());
        try (SimulatedServer sim = SimulatedServer.start(profile, "127.0.0.1", 0, 1)) {
            Future<Integer> exit = runner.submit(() -> cl.execute("capture", "--listen", "0", "--upstream",
                    sim.address().toString(), "--out", out.toString(), "--sample", "100%"));
            URI proxy = awaitListening(printed, exit);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(proxy.resolve("/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.headers().firstValue("X-Model-Version")).hasValue("3.0");
            }
            command.stop();

            assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.GO);
        } finally {
            runner.shutdownNow();
        }
        assertThat(printed.toString()).contains("listening on http://127.0.0.1:")
                .contains("credentials redacted")
                .contains("capture stopped: recorded 3 of 3 exchanges into " + out + ";");
        try (TrafficFileReader reader = TrafficFileReader.open(out, false)) {
            assertThat(reader.header().source()).startsWith("capture:http://127.0.0.1:");
            reader.forEachRemaining(r -> assertThat(r.path()).isEqualTo("/healthz"));
            assertThat(reader.records()).isEqualTo(3);
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        // Rows: --listen, --upstream, extra arguments, what the message says.
        String[][] cases = {
            {"0", "https://example.com", "", "must start with http://"},
            {"0", "http://example.com/v1", "", "must be just http://HOST:PORT"},
            {"localhost:http", "http://127.0.0.1:9", "", "is not [HOST:]PORT"},
            {"0", "http://127.0.0.1:9", "--max-body=lots", "not a size"},
            {"0", "http://127.0.0.1:9", "--no-redact --redact-header=X-Api-Key", "--no-redact cannot be combined"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("capture", "--listen", c[0], "--upstream", c[1],
                    "--out", tmp.resolve("x.jsonl").toString()));
            if (!c[2].isEmpty()) {
                args.addAll(List.of(c[2].split(" ")));
            }
            Result r = RunCommandTest.shadowgate(args.toArray(String[]::new));

            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(String.join(" ", args)).contains(c[3]);
        }
        assertThat(tmp.resolve("x.jsonl")).doesNotExist();
    }

    @Test
    void aBusyPortIsExit65NamingIt() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = RunCommandTest.shadowgate("capture", "--listen", "127.0.0.1:" + busy.getLocalPort(),
                    "--upstream", "http://127.0.0.1:9", "--out", tmp.resolve("x.jsonl").toString());

            assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
        assertThat(tmp.resolve("x.jsonl")).doesNotExist();
    }

    private static URI awaitListening(StringWriter printed, Future<Integer> exit) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !exit.isDone()) {
            Matcher m = LISTENING.matcher(printed.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("capture did not start: " + printed + (exit.isDone() ? " exit " + exit.get() : ""));
    }
}

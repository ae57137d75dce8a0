package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.cli.RunCommandTest.Result;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.sim.SimulatedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code shadowgate proxy}: forwards with its faults until stopped; a bad faults file is exit 65 with its place. */
class ProxyCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+),");

    @TempDir
    Path tmp;

    @Test
    void forwardsInjectsAndSaysWhenEachFaultStartsAndEnds() throws Exception {
        Path faults = tmp.resolve("faults.yaml");
        Files.writeString(faults, "faults:\n  - {kind: errors, at: 0s, duration: 1500ms, status: 429}\n");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        ProxyCommand command = cl.getSubcommands().get("proxy").getCommand();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        SimulatedProfile profile = new SimulatedProfile("3.0", LatencyProfile.INSTANT, 0, 503, List.of());
        try (SimulatedServer sim = SimulatedServer.start(profile, "127.0.0.1", 0, 1)) {
            Future<Integer> exit = runner.submit(() -> cl.execute("proxy", "--listen", "0", "--upstream",
                    sim.address().toString(), "--faults", faults.toString(), "--seed", "7"));
            URI proxy = awaitListening(err, exit);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest predict = HttpRequest.newBuilder(proxy.resolve("/v1/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"features\":[1]}")).build();
            HttpResponse<String> during = client.send(predict, HttpResponse.BodyHandlers.ofString());
            assertThat(during.statusCode()).isEqualTo(429);
            awaitText(err, "fault 1/1 ended: errors");
            HttpResponse<String> after = client.send(predict, HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.headers().firstValue("X-Model-Version")).hasValue("3.0");
            command.stop();

            assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.GO);
        } finally {
            runner.shutdownNow();
        }
        assertThat(err.toString())
                .contains("shadowgate proxy: listening on http://127.0.0.1:")
                .contains("with 1 fault from " + faults)
                .contains("fault 1/1 started: errors at 0s for 1500ms: every request answered 429");
    }

    @Test
    void aBadFaultsFileIsExit65WithItsPlace() throws Exception {
        Path faults = tmp.resolve("faults.yaml");
        Files.writeString(faults, "faults:\n  - {kind: slow, at: 1s, duration: 2s, add: 5ms, status: 503}\n");

        Result r = RunCommandTest.shadowgate("proxy", "--listen", "0", "--upstream", "http://127.0.0.1:9",
                "--faults", faults.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("shadowgate: " + faults + ":2:50: faults[0].status: only faults of kind errors "
                + "take status").doesNotContain("Exception");

        Result missing = RunCommandTest.shadowgate("proxy", "--listen", "0", "--upstream", "http://127.0.0.1:9",
                "--faults", tmp.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.err()).startsWith("shadowgate: " + tmp.resolve("nope.yaml") + ": cannot read file");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path faults = tmp.resolve("faults.yaml");
        Files.writeString(faults, "faults: []\n");
        // Rows: --listen, --upstream, extra option, what the message says.
        String[][] cases = {
            {"0", "https://example.com", "", "must start with http://"},
            {"localhost:http", "http://127.0.0.1:9", "", "is not [HOST:]PORT"},
            {"0", "http://127.0.0.1:9", "--start-at=-5", "--start-at must be >= 0"},
            {"0", "http://127.0.0.1:9", "--seed=x", "Invalid value for option '--seed'"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("proxy", "--listen", c[0], "--upstream", c[1],
                    "--faults", faults.toString()));
            if (!c[2].isEmpty()) {
                args.add(c[2]);
            }
            Result r = RunCommandTest.shadowgate(args.toArray(String[]::new));

            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(String.join(" ", args)).contains(c[3]);
        }
    }

    @Test
    void aBusyPortIsExit65NamingIt() throws Exception {
        Path faults = tmp.resolve("faults.yaml");
        Files.writeString(faults, "faults: []\n");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = RunCommandTest.shadowgate("proxy", "--listen", "127.0.0.1:" + busy.getLocalPort(),
                    "--upstream", "http://127.0.0.1:9", "--faults", faults.toString());

            assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
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
        throw new AssertionError("proxy did not start: " + printed + (exit.isDone() ? " exit " + exit.get() : ""));
    }

    private static void awaitText(StringWriter printed, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!printed.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never said '" + text + "': " + printed);
            }
            Thread.sleep(10);
        }
    }
}

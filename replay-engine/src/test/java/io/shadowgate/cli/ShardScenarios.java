package io.shadowgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small scenario in the deterministic-latency mode, and in-process runs of the CLI, for the shard tests. */
final class ShardScenarios {

    private ShardScenarios() {
    }

    /** Two simulated versions whose latency and errors are functions of the request id; {@code seconds} at 300/s. */
    static Path deterministic(Path dir, int seconds) throws IOException {
        Path file = dir.resolve("det.yaml");
        Files.writeString(file, """
                name: det-proof
                seed: 7
                deterministicLatency: true
                targets:
                  baseline:
                    simulated:
                      version: "1.0"
                      latency: {median: 10ms, sigma: 0.5, tailProbability: 2%%, tail: 80ms}
                      errorRate: 1%%
                  candidate:
                    simulated:
                      version: "1.1"
                      latency: {median: 9ms, sigma: 0.5, tailProbability: 1%%, tail: 60ms}
                      errorRate: 0.5%%
                traffic:
                  synth:
                    duration: %ds
                    rate: 300
                    requests:
                      - name: predict
                        weight: 9
                        method: POST
                        path: /v1/predict
                        body: '{"id": "r-{{seq}}", "features": {{features:4}}}'
                      - name: healthz
                        weight: 1
                        path: /healthz
                compare:
                  enabled: false
                gates:
                  minSamples: 100
                  perEndpoint: true
                  latency:
                    p50: {maxIncrease: 10%%}
                    p90: {maxIncrease: 20%%}
                  errorRate: {maxIncrease: 2%%}
                """.formatted(seconds));
        return file;
    }

    /** The exit code, stdout and stderr of one in-process command. */
    record Result(int code, String out, String err) {
    }

    static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}

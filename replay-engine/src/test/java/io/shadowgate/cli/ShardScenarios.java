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

    /**
     * Two simulated versions whose latency, errors and answers are functions of the request id;
     * {@code seconds} at 300/s. The candidate's answers differ so that comparing them finds
     * something on every gate: scores shifted (drift), labels flipped where feature 0 is above 0.9
     * (about one answer in ten), {@code requestId} renamed (a breaking contract change and a
     * difference in every pair), and its own injected errors (status differences).
     */
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
                      responses:
                        scoreShift: 0.003
                        flipLabels: {feature: 0, above: 0.9}
                        renameFields: {requestId: rid}
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
                  examples: 2
                  endpoints:
                    predict:
                      ignore: [$.modelVersion]
                      tolerance:
                        $.score: {absolute: 0.002}
                      labelPath: $.label
                      scorePath: $.score
                gates:
                  minSamples: 100
                  perEndpoint: true
                  latency:
                    p50: {maxIncrease: 10%%}
                    p90: {maxIncrease: 20%%}
                  errorRate: {maxIncrease: 2%%}
                  maxMismatchRate: 1%%
                  maxLabelFlipRate: 2%%
                  maxScoreDrift: 0.01
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

package io.shadowgate.cli;

import io.shadowgate.scenario.TrafficInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shadowgate run SCENARIO}: replay, compare, judge, report; exit with the verdict. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Replay the scenario's traffic against baseline and candidate, judge the gates, write the reports.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenario;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Result directory (default: reports/<scenario>/<UTC timestamp>/).")
    Path out;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Override the traffic duration, e.g. 5s (a quick smoke run).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "RPS", description = "Override the traffic rate, requests per second per target.")
    Double rate;

    @Option(names = "--traffic", paramLabel = "FILE",
            description = "Replay this recorded traffic instead of the scenario's.")
    Path traffic;

    @Option(names = "--traffic-format", paramLabel = "FORMAT",
            description = "Format of --traffic: file, har, gor or accesslog (default: from the file name).")
    String trafficFormat;

    @Option(names = "--skip-bad-records",
            description = "Count and skip malformed records of --traffic instead of stopping; they are listed in the report.")
    boolean skipBadRecords;

    @Option(names = "--stop-early", description = "Judge after every --window of traffic and stop at the first GO or "
            + "NO_GO; the confidence is spent over the looks so the error rates stay those of one look.")
    boolean stopEarly;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Evaluation window (default: ${DEFAULT-VALUE}): each window is also judged on its own, so a "
                    + "regression in part of the run is found and placed in time, and --stop-early looks after each. "
                    + "0 judges the run as a whole only.")
    Duration window;

    @Option(names = "--no-warmup", negatable = false,
            description = "Skip warming the client up (by default a replay against a throwaway local server, "
                    + "1.5 s, or for a run above 5,000 requests/s until the JIT settles, at most 6 s, and 1 s more; "
                    + "so JIT compilation does not show up as schedule lateness).")
    boolean noWarmup;

    @Option(names = "--quiet", description = "Print only the verdict line (no progress on stderr either).")
    boolean quiet;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the live figures to Prometheus at http://ADDR:PORT/metrics while the run lasts "
                    + "(0: any free port, printed on stderr).")
    Integer metricsPort;

    @Option(names = "--metrics-bind", paramLabel = "ADDR",
            description = "Address --metrics-port listens on (default: " + MetricsEndpoint.DEFAULT_BIND
                    + ", this machine only; 0.0.0.0 for every interface).")
    String metricsBind;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Replay shard I of N (0 <= I < N) of the traffic and write the shard's result directory "
                    + "(shard.json), with no verdict: 'shadowgate merge' over all N shards judges. Requests without a "
                    + "session key are striped by position, with one by a hash of the key; each keeps its offset.")
    String shard;

    @Option(names = "--shards", paramLabel = "N",
            description = "As --shard I/N with I from $" + ShardFlags.INDEX_VARIABLE
                    + " (set in each pod of a Kubernetes Indexed Job).")
    Integer shards;

    @Option(names = "--start-at", paramLabel = "EPOCH_MS",
            description = "With --shard/--shards: begin the schedule at this instant (epoch milliseconds), so "
                    + "shards on different machines start together; each records how far off it started.")
    String startAt;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (window.isNegative() || (stopEarly && window.isZero())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--window must be greater than 0"
                    + (stopEarly ? " with --stop-early" : " (or 0 to judge the run as a whole only)") + ", was " + window);
        }
        TrafficInput override = null;
        if (traffic != null) {
            override = TrafficInput.recorded(TrafficFormats.of(traffic, trafficFormat, spec.commandLine()), traffic,
                    skipBadRecords);
        } else if (trafficFormat != null || skipBadRecords) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--traffic-format and --skip-bad-records go with --traffic FILE");
        }
        ShardFlags partition;
        try {
            partition = ShardFlags.resolve(shard, shards, startAt, System.getenv(), System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (partition.shard() != null) {
            return runShard(partition, override);
        }
        LiveOptions live = new LiveOptions(ProgressReporter.Style.detect(quiet), spec.commandLine().getErr(),
                MetricsEndpoint.address(metricsBind, metricsPort, spec.commandLine()));
        RunPipeline.Options options = new RunPipeline.Options(scenario, out, duration, rate,
                String.join(" ", spec.commandLine().getParseResult().originalArgs()), !noWarmup, override,
                window.isZero() ? null : window, stopEarly, live);
        RunSummaryPrinter printer = new RunSummaryPrinter(spec.commandLine().getOut(), quiet);
        RunPipeline.Outcome outcome = new RunPipeline(options).run(o -> {
            printer.print(o.result(), o.reportDir());
            spec.commandLine().getOut().flush();
        });
        return outcome.result().verdict().decision().exitCode();
    }

    /** A shard writes its result and no verdict: exit 0 when written, 2 when interrupted (a partial shard). */
    private int runShard(ShardFlags partition, TrafficInput override) throws Exception {
        var parsed = spec.commandLine().getParseResult();
        for (String flag : new String[] {"--window", "--stop-early", "--metrics-port", "--metrics-bind"}) {
            if (parsed.hasMatchedOption(flag)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), flag + " does not go with "
                        + "--shard/--shards: a shard judges nothing; the merge judges the run as a whole");
            }
        }
        LiveOptions live = new LiveOptions(ProgressReporter.Style.detect(quiet), spec.commandLine().getErr(), null);
        ShardRunPipeline.Outcome outcome = new ShardRunPipeline(new ShardRunPipeline.Options(scenario, out, duration,
                rate, String.join(" ", parsed.originalArgs()), !noWarmup, override, partition.shard(),
                partition.startAtMillis(), live)).run();
        ShardSummaryPrinter.print(spec.commandLine().getOut(), outcome, quiet);
        return outcome.exitCode();
    }
}

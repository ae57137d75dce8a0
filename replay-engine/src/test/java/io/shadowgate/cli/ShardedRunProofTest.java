package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.shard.ShardFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-machine proof: N = 1, 2, 3 and 4 shard processes (separate JVMs, a common
 * {@code --start-at}) against simulated targets in the deterministic-latency mode merge into
 * exactly what one process records and decides: the same counters, histograms bucket by bucket,
 * pair samples, response findings (diff statistics per endpoint and path with their examples,
 * label flips and score drift, contract changes, new rejections) and verdict (every gate's
 * estimate, interval and decision, the response gates included), and the same summary.md
 * above the run's identity. Schedule lateness (and whether the schedule was kept), start skew and
 * the per-second series are measurements of each process and are left out. A shard killed by its pid makes the merge
 * INCONCLUSIVE.
 */
class ShardedRunProofTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound on one shard process: JVM start, scan, 2 s of traffic, write, on a loaded machine. */
    private static final long PROCESS_SECONDS = 90;

    @TempDir
    static Path shared;
    static Path scenario;
    static JsonNode single;
    static String singleSummary;
    static JsonNode wholeShard;

    @BeforeAll
    static void oneProcess() throws Exception {
        scenario = ShardScenarios.deterministic(shared, 2);
        Path out = shared.resolve("single");
        ShardScenarios.Result r = ShardScenarios.execute("run", scenario.toString(), "--window", "0", "--no-warmup",
                "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isIn(ExitCode.GO, ExitCode.NO_GO, ExitCode.INCONCLUSIVE);
        single = JSON.readTree(out.resolve("verdict.json").toFile());
        singleSummary = findings(out);
        // The comparison has something to find on every response gate.
        JsonNode responses = single.path("responses");
        assertThat(responses.path("contract").size()).as("contract changes").isPositive();
        assertThat(responses.path("diffs").path("endpoints").size()).as("endpoints with differences").isPositive();
        assertThat(responses.path("diffs").path("endpoints").findValues("candidateExamples"))
                .as("example pairs").anySatisfy(examples -> assertThat(examples.size()).isPositive());
        assertThat(responses.path("models").path("predict").path("labels").path("flipped").asLong()).as("label flips")
                .isPositive();
        assertThat(single.path("verdict").toString()).contains("mismatch").contains("label flip").contains("score drift")
                .contains("schema");
        // The same whole traffic as one shard of one, merged: the reference for the stored histograms.
        wholeShard = shards(1, "whole", false);
    }

    @ParameterizedTest(name = "{0} shard processes")
    @ValueSource(ints = {1, 2, 3, 4})
    void nShardsMergeIntoExactlyWhatOneProcessRecordsAndDecides(int n) throws Exception {
        JsonNode merged = n == 1 ? wholeShard : shards(n, "n" + n, n == 3);
        Path out = shared.resolve((n == 1 ? "whole" : "n" + n) + "-merged");
        JsonNode verdict = JSON.readTree(out.resolve("verdict.json").toFile());

        assertThat(verdict.path("verdict")).as("verdict: every gate's estimate, interval and decision")
                .isEqualTo(single.path("verdict"));
        assertThat(verdict.path("responses")).as("response findings: diff statistics, examples, models, contract")
                .isEqualTo(single.path("responses"));
        assertThat(findings(out)).as("summary.md above the run's identity").isEqualTo(singleSummary);
        for (int t = 0; t < 2; t++) {
            JsonNode mine = verdict.path("targets").get(t);
            JsonNode theirs = single.path("targets").get(t);
            for (String field : new String[] {"counts", "latency", "service", "endpoints"}) {
                assertThat(mine.path(field)).as("%s %s", mine.path("target").asText(), field)
                        .isEqualTo(theirs.path(field));
            }
        }
        JsonNode reference = JSON.readTree(shared.resolve("whole-merged").resolve(ShardFiles.MERGED).toFile());
        assertThat(measured(merged)).as("histograms bucket by bucket, counters, pair samples")
                .isEqualTo(measured(reference));
        assertThat(verdict.path("info").path("traffic").path("records").asLong())
                .isEqualTo(single.path("info").path("traffic").path("records").asLong());
        // The schedule check of the whole: every request each shard sent, to each target, counted once.
        JsonNode pace = verdict.path("pace");
        for (int t = 0; t < 2; t++) {
            JsonNode target = verdict.path("targets").get(t);
            assertThat(pace.path("sent").path(target.path("target").asText()).asLong()).as("sent to %s", target)
                    .isEqualTo(target.path("counts").path("scheduled").asLong());
        }
        assertThat(pace.path("behind").asText()).isIn("NOTHING", "REPLAYER", "CONNECTIONS", "MACHINE");
    }

    @Test
    void aShardKilledByItsPidMakesTheMergeInconclusive() throws Exception {
        Path scenarioLong = ShardScenarios.deterministic(Files.createDirectories(shared.resolve("long")), 60);
        long startAt = System.currentTimeMillis() + 2_000;
        List<Process> processes = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Path dir = shared.resolve("killed-" + i);
                dirs.add(dir);
                processes.add(shard(scenarioLong, "--shard", i + "/2", startAt, dir, null));
            }
            Process victim = processes.get(1);
            // Both shards are recording (their interval logs exist) and the common start has passed.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_SECONDS);
            while (!(Files.exists(dirs.get(0).resolve("baseline.hlog")) && Files.exists(dirs.get(1).resolve("baseline.hlog"))
                    && System.currentTimeMillis() > startAt + 500) && victim.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(dirs.get(1).resolve(ShardFiles.STARTED)).as("shard 1 began").exists();
            assertThat(victim.isAlive()).as("shard 1 still replaying").isTrue();
            ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            processes.get(0).destroy();
            assertThat(processes.get(0).waitFor(PROCESS_SECONDS, TimeUnit.SECONDS)).isTrue();
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        ShardScenarios.Result r = ShardScenarios.execute("merge", dirs.get(1).toString(), dirs.get(0).toString(),
                "--out", shared.resolve("killed-merged").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(r.out()).startsWith("INCONCLUSIVE: the shards cannot be merged: " + dirs.get(1)
                + ": has shard-started.json but no shard.json: the shard began and never finished");
        assertThat(shared.resolve("killed-merged").resolve("verdict.json")).doesNotExist();
    }

    /**
     * Runs {@code n} shard processes with a common start (through {@code --shards N} and
     * JOB_COMPLETION_INDEX when {@code indexedJob}), merges them, returns merged.json.
     */
    private static JsonNode shards(int n, String name, boolean indexedJob) throws Exception {
        long startAt = System.currentTimeMillis() + 3_000;
        List<Process> processes = new ArrayList<>();
        List<String> merge = new ArrayList<>(List.of("merge"));
        try {
            for (int i = 0; i < n; i++) {
                Path dir = shared.resolve(name + "-" + i);
                merge.add(dir.toString());
                processes.add(indexedJob ? shard(scenario, "--shards", String.valueOf(n), startAt, dir, i)
                        : shard(scenario, "--shard", i + "/" + n, startAt, dir, null));
            }
            for (int i = 0; i < n; i++) {
                Process p = processes.get(i);
                assertThat(p.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS)).as("shard %d ended in time", i).isTrue();
                assertThat(p.exitValue()).as("shard %d: %s", i, Files.readString(log(name, i)))
                        .isEqualTo(ShardRunPipeline.WRITTEN);
                JsonNode timing = JSON.readTree(shared.resolve(name + "-" + i).resolve(ShardFiles.RESULT).toFile())
                        .path("timing");
                assertThat(timing.path("startAtMillis").asLong()).isEqualTo(startAt);
                assertThat(timing.has("startSkewMicros")).isTrue();
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        Path out = shared.resolve(name + "-merged");
        merge.addAll(List.of("--out", out.toString()));
        ShardScenarios.Result r = ShardScenarios.execute(merge.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err())
                .isEqualTo(single.path("verdict").path("decision").asText().equals("GO") ? ExitCode.GO
                        : single.path("verdict").path("decision").asText().equals("NO_GO") ? ExitCode.NO_GO
                        : ExitCode.INCONCLUSIVE);
        assertThat(r.out()).contains("merged " + n + " shards:").contains("start skew");
        return JSON.readTree(out.resolve(ShardFiles.MERGED).toFile());
    }

    /** One shard JVM on the test classpath, its output to a log file. */
    private static Process shard(Path scenarioFile, String flag, String value, long startAt, Path dir, Integer index)
            throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(javaBin.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", scenarioFile.toString(),
                flag, value, "--start-at", String.valueOf(startAt), "--no-warmup", "--quiet", "--out", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log(dir.getFileName().toString(), -1).toFile());
        if (index != null) {
            builder.environment().put(ShardFlags.INDEX_VARIABLE, String.valueOf(index));
        }
        return builder.start();
    }

    private static Path log(String name, int i) {
        return shared.resolve((i < 0 ? name : name + "-" + i) + ".log");
    }

    /** summary.md without its tail (the run's identity and command, which name the directories). */
    private static String findings(Path dir) throws IOException {
        String summary = Files.readString(dir.resolve("summary.md"));
        int tail = summary.indexOf("\n### Run\n");
        assertThat(tail).as("summary.md has its identity section").isPositive();
        // Whether each kept its schedule is a measurement of each process, as its lateness is.
        return summary.substring(0, tail).replaceAll("\n\n\\*\\*Schedule not kept\\*\\*: [^\n]*", "");
    }

    /**
     * What must be identical: targets without lateness, address and series; the pair samples; the
     * response comparison state (counts, examples, schemas, model samples); the whole traffic.
     */
    private static JsonNode measured(JsonNode merged) {
        ObjectNode copy = JSON.createObjectNode();
        var targets = JSON.createArrayNode();
        for (JsonNode t : merged.path("targets")) {
            ObjectNode kept = t.deepCopy();
            kept.remove(List.of("lateness", "address", "series"));
            targets.add(kept);
        }
        copy.set("targets", targets);
        copy.set("pairs", merged.path("pairs"));
        copy.set("responses", merged.path("responses"));
        copy.set("endpoints", merged.path("traffic").path("endpoints"));
        copy.put("records", merged.path("traffic").path("records").asLong());
        return copy;
    }
}

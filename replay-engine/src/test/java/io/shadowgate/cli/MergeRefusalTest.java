package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.shard.ShardFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shadowgate merge} gives a verdict only on one complete, consistent run: every other set
 * of shard results is INCONCLUSIVE (exit 2) with one line naming the directory and the reason,
 * and a directory that is no shard result at all is bad input (exit 65). The order the shards
 * are given in changes nothing. Three real shards of a one-second run, made once, then copied
 * and altered.
 */
class MergeRefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static List<Path> shards = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void threeShards() throws IOException {
        Path scenario = ShardScenarios.deterministic(shared, 1);
        for (int i = 0; i < 3; i++) {
            Path dir = shared.resolve("shard-" + i);
            ShardScenarios.Result r = ShardScenarios.execute("run", scenario.toString(), "--shard", i + "/3",
                    "--no-warmup", "--quiet", "--out", dir.toString());
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ShardRunPipeline.WRITTEN);
            assertThat(r.out()).startsWith("shard " + i + "/3 written: ").contains("no verdict");
            shards.add(dir);
        }
    }

    @Test
    void theOrderOfTheShardsChangesNothing() throws IOException {
        List<List<Integer>> orders = List.of(List.of(0, 1, 2), List.of(2, 0, 1), List.of(1, 2, 0));
        Path out = tmp.resolve("merged");
        byte[] verdict = null;
        byte[] merged = null;
        int code = -1;
        for (List<Integer> order : orders) {
            List<String> args = new ArrayList<>(List.of("merge"));
            order.forEach(i -> args.add(shards.get(i).toString()));
            args.addAll(List.of("--out", out.toString(), "--quiet"));
            ShardScenarios.Result r = ShardScenarios.execute(args.toArray(String[]::new));
            assertThat(r.code()).as(r.out() + r.err()).isIn(ExitCode.GO, ExitCode.NO_GO, ExitCode.INCONCLUSIVE);
            byte[] v = Files.readAllBytes(out.resolve("verdict.json"));
            byte[] m = Files.readAllBytes(out.resolve(ShardFiles.MERGED));
            if (verdict == null) {
                verdict = v;
                merged = m;
                code = r.code();
            }
            assertThat(v).as("verdict.json for order %s", order).isEqualTo(verdict);
            assertThat(m).as("merged.json for order %s", order).isEqualTo(merged);
            assertThat(r.code()).isEqualTo(code);
        }
        assertThat(Files.readString(out.resolve("verdict.json"))).contains("\"partial\" : false");
        assertThat(Files.list(out).map(p -> p.getFileName().toString()))
                .contains("verdict.json", "index.html", "junit.xml", "summary.md", ShardFiles.MERGED);
    }

    @Test
    void aMissingShardIsInconclusive() {
        refused(List.of(shards.get(0), shards.get(2)), "shard 1 of 0..2 missing (given: 0, 2)");
    }

    @Test
    void aShardGivenTwiceIsInconclusive() throws IOException {
        Path again = copy(0, "again", r -> { });
        refused(List.of(shards.get(0), shards.get(1), shards.get(2), again), "both are shard 0/3");
    }

    @Test
    void shardsOfAnotherRunAreInconclusive() throws IOException {
        refusedWith(r -> ((ObjectNode) r.path("identity")).put("count", 4), "N (shard count) is 4");
        refusedWith(r -> ((ObjectNode) r.path("identity")).put("scenarioSha256", "0".repeat(64)),
                "scenario SHA-256 is 0000");
        refusedWith(r -> ((ObjectNode) r.path("identity")).put("trafficSha256", "f".repeat(64)),
                "traffic SHA-256 is ffff");
        refusedWith(r -> ((ObjectNode) r.path("identity")).put("toolVersion", "0.0.1"), "tool version is 0.0.1");
    }

    @Test
    void anInterruptedShardIsInconclusive() throws IOException {
        refusedWith(r -> r.put("partial", true), "was interrupted before its schedule ended (partial)");
    }

    @Test
    void aShardThatNeverFinishedIsInconclusive() throws IOException {
        Path dir = copy(1, "unfinished", r -> { });
        Files.delete(dir.resolve(ShardFiles.RESULT));
        refused(List.of(shards.get(0), dir, shards.get(2)), dir + ": has shard-started.json but no shard.json: "
                + "the shard began and never finished");
    }

    @Test
    void aDamagedOrNewerShardIsInconclusive() throws IOException {
        Path dir = copy(1, "damaged", r -> { });
        byte[] bytes = Files.readAllBytes(dir.resolve(ShardFiles.RESULT));
        Files.write(dir.resolve(ShardFiles.RESULT), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        refused(List.of(shards.get(0), dir, shards.get(2)), dir + ": shard.json is not valid JSON at line");
        // Version 2 had no sends for the schedule check; a later version may hold what this one cannot read.
        refusedWith(r -> r.put("formatVersion", 2), "has formatVersion 2; this Shadowgate reads 3 only (the shard was "
                + "written by another version");
        refusedWith(r -> r.put("formatVersion", 4), "has formatVersion 4; this Shadowgate reads 3 only");
        refusedWith(r -> ((ObjectNode) r.path("targets").get(0)).put("latency", "not a histogram"),
                "shard.json is damaged");
    }

    @Test
    void responseComparisonStatesThatDoNotFitAreInconclusive() throws IOException {
        refusedWith(r -> r.putNull("responses"), "response comparison is off, but " + shards.get(0) + " has on");
        refusedWith(r -> ((ObjectNode) r.path("responses").path("diffs")).put("seed", 99),
                "the shards' response comparisons cannot be merged: cannot merge accumulators of different seeds");
        refusedWith(r -> ((ObjectNode) r.path("responses").path("diffs").path("endpoints").get(0))
                .set("pairs", JSON.createArrayNode().add(1)), "the shards' response comparisons cannot be merged: "
                + "pairs has 1 values; expected 2");
    }

    @Test
    void countsThatDoNotReconcileAreInconclusive() throws IOException {
        refusedWith(r -> {
            ObjectNode counts = (ObjectNode) r.path("targets").get(1).path("counts");
            counts.put("status2xx", counts.path("status2xx").asLong() + 1);
        }, "counts do not reconcile at candidate: outcomes add up to");
        refusedWith(r -> {
            ObjectNode traffic = (ObjectNode) r.path("traffic");
            traffic.put("streamRecords", traffic.path("streamRecords").asLong() + 1);
            // Every shard claims the longer stream, so only the sum of the parts gives it away.
        }, "requests in the whole stream is");
    }

    @Test
    void aDirectoryThatIsNoShardResultIsBadInput() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        ShardScenarios.Result r = ShardScenarios.execute("merge", shards.get(0).toString(), empty.toString(),
                "--out", tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("shadowgate: " + empty + ": holds no shard.json").doesNotContain("Exception");

        Path other = Files.createDirectory(tmp.resolve("other"));
        Files.writeString(other.resolve(ShardFiles.RESULT), "{\"format\": \"something-else\"}");
        r = ShardScenarios.execute("merge", other.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains(other.resolve(ShardFiles.RESULT) + ": 'format' is 'something-else'");

        r = ShardScenarios.execute("merge", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("nowhere: no such directory");
    }

    /** Shard 1 altered by {@code edit}, merged with shards 0 and 2: refused with {@code reason}. */
    private void refusedWith(Consumer<ObjectNode> edit, String reason) throws IOException {
        Path dir = copy(1, "edited-" + System.nanoTime(), edit);
        refused(List.of(shards.get(0), dir, shards.get(2)), reason);
    }

    private void refused(List<Path> dirs, String reason) {
        List<String> args = new ArrayList<>(List.of("merge"));
        dirs.forEach(d -> args.add(d.toString()));
        Path out = tmp.resolve("out-" + System.nanoTime());
        args.addAll(List.of("--out", out.toString()));
        ShardScenarios.Result r = ShardScenarios.execute(args.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(r.out()).startsWith("INCONCLUSIVE: the shards cannot be merged: ").contains(reason);
        assertThat(r.out().lines().count()).as("one line").isEqualTo(1);
        assertThat(Files.exists(out.resolve("verdict.json"))).as("no verdict on part of the data").isFalse();
    }

    /** A copy of shard {@code index}'s directory with its shard.json edited. */
    private Path copy(int index, String name, Consumer<ObjectNode> edit) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        try (Stream<Path> files = Files.list(shards.get(index))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        ObjectNode result = (ObjectNode) JSON.readTree(dir.resolve(ShardFiles.RESULT).toFile());
        edit.accept(result);
        JSON.writeValue(dir.resolve(ShardFiles.RESULT).toFile(), result);
        return dir;
    }
}

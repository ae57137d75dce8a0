package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.traffic.Shard;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partition flags of {@code run}: what they accept, and the one clear line (exit 64) for what they do not. */
class ShardCommandLineTest {

    private static final long NOW = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final String SCENARIO = Path.of("..", "scenarios", "demo-rollback.yaml").toString();

    @TempDir
    Path tmp;

    @Test
    void shardAndStartAtAreParsed() {
        ShardFlags flags = ShardFlags.resolve("2/4", null, String.valueOf(NOW + 5_000), Map.of(), NOW);
        assertThat(flags.shard()).isEqualTo(new Shard(2, 4));
        assertThat(flags.startAtMillis()).isEqualTo(NOW + 5_000);
        assertThat(ShardFlags.resolve(null, null, null, Map.of(), NOW)).isEqualTo(new ShardFlags(null, null));
    }

    @Test
    void shardsTakesTheIndexFromTheIndexedJobsVariable() {
        ShardFlags flags = ShardFlags.resolve(null, 3, null, Map.of("JOB_COMPLETION_INDEX", "2"), NOW);
        assertThat(flags.shard()).isEqualTo(new Shard(2, 3));
        assertThatThrownBy(() -> ShardFlags.resolve(null, 3, null, Map.of("JOB_COMPLETION_INDEX", "3"), NOW))
                .hasMessage("JOB_COMPLETION_INDEX is 3, outside 0..2 for --shards 3");
        assertThatThrownBy(() -> ShardFlags.resolve(null, 3, null, Map.of("JOB_COMPLETION_INDEX", "x"), NOW))
                .hasMessage("JOB_COMPLETION_INDEX is 'x', not a whole number");
    }

    @Test
    void startAtMustLookLikeEpochMilliseconds() {
        assertThatThrownBy(() -> ShardFlags.resolve("0/2", null, "1767225600", Map.of(), NOW))
                .hasMessageContaining("before 2001").hasMessageContaining("looks like seconds: 1767225600000?");
        assertThatThrownBy(() -> ShardFlags.resolve("0/2", null, String.valueOf(NOW + 25 * 3_600_000L), Map.of(), NOW))
                .hasMessageContaining("more than 24 hours ahead");
        assertThatThrownBy(() -> ShardFlags.resolve(null, null, String.valueOf(NOW), Map.of(), NOW))
                .hasMessage("--start-at goes with --shard I/N or --shards N");
    }

    @Test
    void aShardOutsideItsCountIsAUsageError() {
        ShardScenarios.Result r = ShardScenarios.execute("run", SCENARIO, "--shard", "3/2", "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("shadowgate: --shard: shard 3/2: expected I/N with 0 <= I < N")
                .doesNotContain("Exception");
    }

    @Test
    void shardsWithoutTheIndexVariableIsAUsageError() {
        // The test JVM is no pod of an Indexed Job.
        assertThat(System.getenv("JOB_COMPLETION_INDEX")).isNull();
        ShardScenarios.Result r = ShardScenarios.execute("run", SCENARIO, "--shards", "4", "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--shards 4 takes this shard's index from JOB_COMPLETION_INDEX")
                .contains("give --shard I/4");
    }

    @Test
    void aBadStartAtIsAUsageError() {
        ShardScenarios.Result r = ShardScenarios.execute("run", SCENARIO, "--shard", "0/2", "--start-at", "soon",
                "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("shadowgate: --start-at 'soon' is not a number; expected epoch milliseconds");
    }

    @Test
    void aShardJudgesNothingSoWindowsAndEarlyStopAreUsageErrors() {
        ShardScenarios.Result r = ShardScenarios.execute("run", SCENARIO, "--shard", "0/2", "--window", "5s",
                "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--window does not go with --shard/--shards");
    }

    @Test
    void aScenarioWhoseStateDoesNotMergeYetIsRefusedBeforeAnythingRuns() {
        // A staged rehearsal judges as it goes, capacity knees window by window: neither merges yet.
        for (String[] refused : new String[][] {{"rehearsal-rollback.yaml", "mode: split"},
                {"capacity-ramp.yaml", "capacity (knees"}}) {
            Path file = Path.of(SCENARIO).resolveSibling(refused[0]);
            ShardScenarios.Result r = ShardScenarios.execute("run", file.toString(), "--shard", "0/2", "--out",
                    tmp.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err()).startsWith("shadowgate: " + file + ": --shard: a sharded run supports shadow mode")
                    .contains(refused[1]).contains("run it without --shard");
        }
    }
}

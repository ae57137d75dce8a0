package io.shadowgate.cli;

import io.shadowgate.metrics.TargetRecording;
import io.shadowgate.shard.ShardFiles;
import io.shadowgate.shard.ShardResult;
import java.io.PrintWriter;
import java.util.Locale;

/** What a shard prints when it has written its result: never a verdict, since a shard has none. */
final class ShardSummaryPrinter {

    private ShardSummaryPrinter() {
    }

    static void print(PrintWriter out, ShardRunPipeline.Outcome outcome, boolean quiet) {
        ShardResult r = outcome.result();
        String shard = r.identity().shard();
        String state = r.partial() ? "PARTIAL (interrupted; a merge will refuse it)" : "written";
        out.println("shard " + shard + " " + state + ": " + outcome.dir().resolve(ShardFiles.RESULT)
                + " (no verdict: 'shadowgate merge' over all " + r.identity().count() + " shards judges)");
        if (!quiet) {
            out.println("  requests: " + r.traffic().records() + " of " + r.traffic().streamRecords() + " in the stream");
            for (TargetRecording t : r.targets()) {
                out.println("  " + t.target() + ": " + t.counts().responses() + " responses, " + t.counts().errors()
                        + " errors, outcomes add up: " + (t.counts().addsUp() ? "yes" : "NO"));
            }
            if (r.timing().startSkewMicros() != null) {
                out.println(String.format(Locale.ROOT, "  start skew: %+.3f ms from --start-at %d",
                        r.timing().startSkewMicros() / 1_000.0, r.timing().startAtMillis()));
            }
        }
        out.flush();
    }
}

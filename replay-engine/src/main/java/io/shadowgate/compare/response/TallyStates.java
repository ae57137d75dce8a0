package io.shadowgate.compare.response;

import io.shadowgate.compare.response.SingleWriterDiffAccumulator.EndpointState;
import io.shadowgate.compare.response.SingleWriterDiffAccumulator.FoldedState;
import io.shadowgate.compare.response.SingleWriterDiffAccumulator.PathState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Copies an endpoint's tallies to and from the records a shard result stores, so that shards
 * can be merged after they ran; copies, never shares, the arrays.
 */
final class TallyStates {

    private static final int TYPES = PairType.values().length;

    private TallyStates() {
    }

    /** Everything counted and kept on one endpoint; paths in name order. */
    static EndpointState export(EndpointTally tally) {
        List<PathState> paths = new ArrayList<>(tally.paths.size());
        for (PathTally p : new TreeMap<>(tally.paths).values()) {
            long[][] byKind = new long[TYPES][];
            for (int t = 0; t < TYPES; t++) {
                byKind[t] = p.byKind[t].clone();
            }
            paths.add(new PathState(p.path, p.sensitive, p.firstSequence, p.differing.clone(), byKind,
                    List.copyOf(p.examples.get(PairType.CANDIDATE.ordinal())),
                    List.copyOf(p.examples.get(PairType.NOISE.ordinal()))));
        }
        FoldedTally f = tally.folded;
        return new EndpointState(tally.endpoint, tally.pairs.clone(), tally.mismatched.clone(), paths,
                new FoldedState(f.differences.clone(), f.names.stream().sorted().toList(), f.namesExact));
    }

    /**
     * The tally {@code e} holds.
     *
     * @throws IllegalArgumentException when an array of counts has the wrong length
     */
    static EndpointTally restore(EndpointState e) {
        EndpointTally tally = new EndpointTally(e.endpoint());
        copy(e.pairs(), tally.pairs, "pairs");
        copy(e.mismatched(), tally.mismatched, "mismatched");
        for (PathState p : e.paths()) {
            PathTally kept = new PathTally(p.path(), p.sensitive(), p.firstSequence());
            copy(p.differing(), kept.differing, "differing");
            if (p.byKind().length != TYPES) {
                throw new IllegalArgumentException("byKind of " + p.path() + " has " + p.byKind().length
                        + " pair types; expected " + TYPES);
            }
            for (int t = 0; t < TYPES; t++) {
                copy(p.byKind()[t], kept.byKind[t], "byKind");
            }
            kept.examples.get(PairType.CANDIDATE.ordinal()).addAll(p.candidateExamples());
            kept.examples.get(PairType.NOISE.ordinal()).addAll(p.noiseExamples());
            tally.paths.put(p.path(), kept);
        }
        copy(e.folded().differences(), tally.folded.differences, "folded differences");
        tally.folded.names.addAll(e.folded().names());
        tally.folded.namesExact = e.folded().namesExact();
        return tally;
    }

    private static void copy(long[] from, long[] to, String what) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(what + " has " + from.length + " values; expected " + to.length);
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }
}

package io.shadowgate.compare.response;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One kept path of an endpoint: pairs that differed there, per pair type and per kind, and its
 * examples. Arrays are indexed by {@link PairType} and {@link DifferenceKind} ordinal. Single writer.
 */
final class PathTally {

    private static final int KINDS = DifferenceKind.values().length;
    private static final int TYPES = PairType.values().length;

    final String path;
    final boolean sensitive;
    long firstSequence;
    final long[] differing = new long[TYPES];
    final long[][] byKind = new long[TYPES][KINDS];
    final List<List<DiffExample>> examples = List.of(new ArrayList<>(), new ArrayList<>());

    PathTally(String path, boolean sensitive, long firstSequence) {
        this.path = path;
        this.sensitive = sensitive;
        this.firstSequence = firstSequence;
    }

    /** Counts one pair that differed here ({@code found}: its differences at this path), once per kind. */
    void count(long sequence, int t, List<Difference> found) {
        firstSequence = Math.min(firstSequence, sequence);
        differing[t]++;
        boolean[] seen = new boolean[KINDS];
        for (Difference d : found) {
            if (!seen[d.kind().ordinal()]) {
                seen[d.kind().ordinal()] = true;
                byKind[t][d.kind().ordinal()]++;
            }
        }
    }

    void absorb(PathTally other, ExampleSampler sampler) {
        firstSequence = Math.min(firstSequence, other.firstSequence);
        for (int t = 0; t < TYPES; t++) {
            differing[t] += other.differing[t];
            for (int kind = 0; kind < KINDS; kind++) {
                byKind[t][kind] += other.byKind[t][kind];
            }
            sampler.absorb(examples.get(t), other.examples.get(t));
        }
    }

    PathCounts counts(PairType type, EndpointTally endpoint) {
        int t = type.ordinal();
        Map<DifferenceKind, Long> kinds = new EnumMap<>(DifferenceKind.class);
        for (DifferenceKind kind : DifferenceKind.values()) {
            if (byKind[t][kind.ordinal()] > 0) {
                kinds.put(kind, byKind[t][kind.ordinal()]);
            }
        }
        return new PathCounts(differing[t], endpoint.pairs[t], kinds);
    }
}

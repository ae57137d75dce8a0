package io.shadowgate.compare.response;

import java.util.HashSet;
import java.util.Set;

/**
 * The paths of an endpoint folded beyond {@link AccumulatorLimits#pathsPerEndpoint()}: their
 * differences per pair type, and their names up to {@link AccumulatorLimits#FOLDED_NAMES_COUNTED}
 * to count them. Single writer.
 */
final class FoldedTally {

    private static final int TYPES = PairType.values().length;

    final long[] differences = new long[TYPES];
    final Set<String> names = new HashSet<>();
    boolean namesExact = true;

    void add(String path, int t) {
        differences[t]++;
        remember(path);
    }

    void absorb(PathTally p) {
        for (int t = 0; t < TYPES; t++) {
            differences[t] += p.differing[t];
        }
        remember(p.path);
    }

    void absorb(FoldedTally other) {
        for (int t = 0; t < TYPES; t++) {
            differences[t] += other.differences[t];
        }
        for (String name : other.names) {
            remember(name);
        }
        namesExact &= other.namesExact;
    }

    private void remember(String path) {
        if (names.size() < AccumulatorLimits.FOLDED_NAMES_COUNTED) {
            names.add(path);
        } else if (!names.contains(path)) {
            namesExact = false;
        }
    }

    FoldedPaths summary() {
        return names.isEmpty() ? FoldedPaths.NONE : new FoldedPaths(names.size(), namesExact,
                differences[PairType.CANDIDATE.ordinal()], differences[PairType.NOISE.ordinal()]);
    }
}

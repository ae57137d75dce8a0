package io.shadowgate.compare.response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The differences of one comparison, keeping at most {@link CompareLimits#instancesPerPath()}
 * per path and kind. Confined to the comparing thread.
 */
final class DifferenceCollector {

    private static final int KINDS = DifferenceKind.values().length;

    private final int instancesPerPath;
    private List<Difference> differences;
    private Map<String, int[]> counts;

    DifferenceCollector(int instancesPerPath) {
        this.instancesPerPath = instancesPerPath;
    }

    /** Whether one more difference at {@code path} of {@code kind} is kept; counts it. Render values only after a yes. */
    boolean admit(String path, DifferenceKind kind) {
        if (counts == null) {
            counts = new HashMap<>();
            differences = new ArrayList<>();
        }
        int[] perKind = counts.computeIfAbsent(path, p -> new int[KINDS]);
        return perKind[kind.ordinal()]++ < instancesPerPath;
    }

    void add(Difference difference) {
        differences.add(difference);
    }

    List<Difference> result() {
        return differences == null ? List.of() : List.copyOf(differences);
    }
}

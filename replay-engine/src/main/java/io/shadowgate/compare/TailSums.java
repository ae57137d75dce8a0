package io.shadowgate.compare;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * How the paired bootstrap sums, for each replicate, the weights of every quantile window's
 * {@link QuantileWindow#beyond() pairs beyond it}: a large set (a median's half of the pairs) in
 * the one pass over every pair that the replicate's total needs anyway, each pair carrying a
 * class byte whose bit j says it is in large set j; a small set (a 99th percentile's 1 %) by
 * its index list. That way a median costs one draw per pair, not two. Immutable and thread-safe.
 *
 * <p>{@link #grouped} skips even that pass. Only the sums of a class's weights matter for the
 * pairs that are in no window and no small set, and a sum of m independent Poisson(1) weights
 * is Poisson(m): so each class's sum over those pairs is one Poisson draw, and only the pairs
 * whose own weights are read (at ten million pairs, about 3 % of them for p50 and p99) are
 * drawn one by one. The replicates have the same distribution, but not the same numbers as
 * the pass over every pair gives.
 */
final class TailSums {

    /** A set of at least this share of the pairs is summed in the pass over every pair. */
    static final double LARGE = 1.0 / 16;
    /** Large sets the class byte can mark; any more are summed by their index lists. */
    private static final int MAX_LARGE = 7;
    /** Keeps the class sums' generator apart from the weights' ({@link PoissonOneWeights}). */
    private static final long GROUPED_STREAM = 0x2545f4914f6cdd1dL;

    private final QuantileWindow[] windows;
    /** Per window: its bit in {@link #classes}, or -1 when its set is summed by index. */
    private final int[] bits;
    /** Per pair: which large sets it is in; null when there are none. */
    private final byte[] classes;
    private final int classCount;
    /** When grouped: the pairs whose own weights are read, ascending; else null. */
    private final int[] drawn;
    /** When grouped: the class of each of {@link #drawn}, or null when there are no large sets. */
    private final byte[] drawnClasses;
    /** When grouped: per class, the pairs not in {@link #drawn}, whose weights are summed in one draw. */
    private final long[] groupedCounts;

    private TailSums(QuantileWindow[] windows, int[] bits, byte[] classes, int classCount, int[] drawn,
                     byte[] drawnClasses, long[] groupedCounts) {
        this.windows = windows;
        this.bits = bits;
        this.classes = classes;
        this.classCount = classCount;
        this.drawn = drawn;
        this.drawnClasses = drawnClasses;
        this.groupedCounts = groupedCounts;
    }

    /** The plan for {@code windows}, all over the same {@code pairs} pairs. */
    static TailSums of(QuantileWindow[] windows, int pairs) {
        int[] bits = new int[windows.length];
        byte[] classes = null;
        int large = 0;
        for (int w = 0; w < windows.length; w++) {
            int[] beyond = windows[w].beyond();
            bits[w] = -1;
            if (beyond.length >= LARGE * pairs && large < MAX_LARGE) {
                if (classes == null) {
                    classes = new byte[pairs];
                }
                for (int i : beyond) {
                    classes[i] |= (byte) (1 << large);
                }
                bits[w] = large++;
            }
        }
        return new TailSums(windows, bits, classes, 1 << large, null, null, null);
    }

    /**
     * The same sums with the weights of the pairs that no window reads one by one drawn as one
     * Poisson sum per class: {@code pairs} must be what {@link #of} was given.
     */
    TailSums grouped(int pairs) {
        boolean[] read = new boolean[pairs];
        int count = 0;
        for (int w = 0; w < windows.length; w++) {
            count += mark(read, windows[w].window());
            if (bits[w] < 0) {
                count += mark(read, windows[w].beyond());
            }
        }
        int[] drawn = new int[count];
        byte[] drawnClasses = classes == null ? null : new byte[count];
        long[] groupedCounts = new long[classCount];
        int k = 0;
        for (int i = 0; i < pairs; i++) {
            int c = classes == null ? 0 : classes[i];
            if (read[i]) {
                if (drawnClasses != null) {
                    drawnClasses[k] = (byte) c;
                }
                drawn[k++] = i;
            } else {
                groupedCounts[c]++;
            }
        }
        return new TailSums(windows, bits, classes, classCount, drawn, drawnClasses, groupedCounts);
    }

    /** Whether the weights outside the windows are drawn as sums, so a window cannot scan past its ends. */
    boolean isGrouped() {
        return drawn != null;
    }

    /**
     * Replicate {@code replicate}'s sums: each window's sum over its pairs beyond, into
     * {@code beyondSums} (one per window, in order); returns the sum over every pair. When
     * grouped, {@code seed} seeds the class sums' draws, with the replicate.
     */
    long sum(PoissonOneWeights weights, int replicate, long seed, long[] beyondSums) {
        long total;
        long[] byClass = null;
        if (drawn != null) {
            byClass = new long[classCount];
            weights.addByClass(replicate, drawn, drawnClasses, byClass);
            addGroupedSums(replicate, seed, byClass);
            total = sum(byClass);
        } else if (classes == null) {
            total = weights.total(replicate);
        } else {
            byClass = new long[classCount];
            weights.sumByClass(replicate, classes, byClass);
            total = sum(byClass);
        }
        for (int w = 0; w < windows.length; w++) {
            if (bits[w] < 0) {
                beyondSums[w] = weights.sum(replicate, windows[w].beyond());
            } else {
                long sum = 0;
                for (int c = 0; c < classCount; c++) {
                    if ((c >>> bits[w] & 1) != 0) {
                        sum += byClass[c];
                    }
                }
                beyondSums[w] = sum;
            }
        }
        return total;
    }

    /** Each class's Poisson(count) sum over its grouped pairs, from a generator of the seed and replicate alone. */
    private void addGroupedSums(int replicate, long seed, long[] byClass) {
        // Not SplitMix64: seeded near the weights' own states, its stream could run into theirs.
        UniformRandomProvider random = RandomSource.XO_SHI_RO_256_PP.create(
                PoissonOneWeights.mix64(PoissonOneWeights.mix64(seed ^ GROUPED_STREAM) + replicate));
        for (int c = 0; c < classCount; c++) {
            if (groupedCounts[c] > 0) {
                byClass[c] += PoissonSampler.of(random, groupedCounts[c]).sample();
            }
        }
    }

    /** Marks {@code indices} in {@code read}; returns how many were not marked before. */
    private static int mark(boolean[] read, int[] indices) {
        int added = 0;
        for (int i : indices) {
            if (!read[i]) {
                read[i] = true;
                added++;
            }
        }
        return added;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }
}

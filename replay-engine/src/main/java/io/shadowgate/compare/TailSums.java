package io.shadowgate.compare;

/**
 * How the paired bootstrap sums, for each replicate, the weights of every quantile window's
 * {@link QuantileWindow#beyond() pairs beyond it}: a large set (a median's half of the pairs) in
 * the one pass over every pair that the replicate's total needs anyway, each pair carrying a
 * class byte whose bit j says it is in large set j; a small set (a 99th percentile's 1 %) by
 * its index list. That way a median costs one draw per pair, not two. Immutable and thread-safe.
 */
final class TailSums {

    /** A set of at least this share of the pairs is summed in the pass over every pair. */
    static final double LARGE = 1.0 / 16;
    /** Large sets the class byte can mark; any more are summed by their index lists. */
    private static final int MAX_LARGE = 7;

    private final QuantileWindow[] windows;
    /** Per window: its bit in {@link #classes}, or -1 when its set is summed by index. */
    private final int[] bits;
    /** Per pair: which large sets it is in; null when there are none. */
    private final byte[] classes;
    private final int classCount;

    private TailSums(QuantileWindow[] windows, int[] bits, byte[] classes, int classCount) {
        this.windows = windows;
        this.bits = bits;
        this.classes = classes;
        this.classCount = classCount;
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
        return new TailSums(windows, bits, classes, 1 << large);
    }

    /**
     * Replicate {@code replicate}'s sums: each window's sum over its pairs beyond, into
     * {@code beyondSums} (one per window, in order); returns the sum over every pair.
     */
    long sum(PoissonOneWeights weights, int replicate, long[] beyondSums) {
        long total;
        long[] byClass = null;
        if (classes == null) {
            total = weights.total(replicate);
        } else {
            byClass = new long[classCount];
            weights.sumByClass(replicate, classes, byClass);
            total = 0;
            for (long s : byClass) {
                total += s;
            }
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
}

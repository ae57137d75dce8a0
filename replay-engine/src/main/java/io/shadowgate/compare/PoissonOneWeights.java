package io.shadowgate.compare;

import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * The paired bootstrap's Poisson(1) weights: replicate r gives pair i the weight drawn
 * {@code r·n + i}-th from {@code new SplittableRandom(seed)}, one {@code nextDouble()} per
 * weight, looked up in the Poisson(1) distribution function; exactly the weights a loop over
 * replicates and pairs drawing from that generator would give.
 *
 * <p>Why not the generator itself: SplittableRandom is SplitMix64, whose k-th draw is a pure
 * function of the seed and k ({@code mix64(seed + k·γ)}, γ its fixed increment), so any weight
 * can be computed from its index. The bootstrap then needs only the weights of the few pairs
 * near a quantile, in the order it scans them, instead of storing and re-reading all n weights
 * in sorted order (at ten million pairs, random reads of a 40 MB array). A test holds this to
 * SplittableRandom's own draws. Immutable and thread-safe.
 */
final class PoissonOneWeights {

    /** SplittableRandom's increment for a generator made with {@code new SplittableRandom(seed)}. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    /** The largest weight: P(K > 15) < 1e-13, so the table stops there. */
    private static final int MAX_WEIGHT = 15;
    /**
     * {@code floor(2^53 · P(K <= k))} for k = 0..14: a draw {@code u = m · 2^-53} (m its 53 random
     * bits) exceeds P(K <= k) exactly when {@code m} exceeds this, so the lookup needs no division.
     */
    private static final long[] THRESHOLDS = thresholds();

    private final long seed;
    private final int pairs;

    /**
     * @param seed  the generator's seed
     * @param pairs pairs per replicate (draws per replicate)
     */
    PoissonOneWeights(long seed, int pairs) {
        this.seed = seed;
        this.pairs = pairs;
    }

    /** The sum of replicate {@code replicate}'s weights over every pair. */
    long total(int replicate) {
        long state = start(replicate);
        long total = 0;
        for (int i = 0; i < pairs; i++) {
            state += GOLDEN_GAMMA;
            total += weight(state);
        }
        return total;
    }

    /**
     * Replicate {@code replicate}'s weights summed by class, in one pass over every pair: {@code out[c]}
     * becomes the sum over the pairs i with {@code classes[i] == c}, so {@code out} adds up to the total.
     */
    void sumByClass(int replicate, byte[] classes, long[] out) {
        java.util.Arrays.fill(out, 0);
        long state = start(replicate);
        for (int i = 0; i < pairs; i++) {
            state += GOLDEN_GAMMA;
            out[classes[i]] += weight(state);
        }
    }

    /**
     * Adds replicate {@code replicate}'s weight of each pair in {@code indices} to
     * {@code out[classes[k]]}, {@code classes} running along {@code indices}; to {@code out[0]}
     * when {@code classes} is null.
     */
    void addByClass(int replicate, int[] indices, byte[] classes, long[] out) {
        long start = start(replicate);
        for (int k = 0; k < indices.length; k++) {
            out[classes == null ? 0 : classes[k]] += weight(start + (indices[k] + 1L) * GOLDEN_GAMMA);
        }
    }

    /** The sum of replicate {@code replicate}'s weights over {@code indices}. */
    long sum(int replicate, int[] indices) {
        long start = start(replicate);
        long sum = 0;
        for (int i : indices) {
            sum += weight(start + (i + 1L) * GOLDEN_GAMMA);
        }
        return sum;
    }

    /** Replicate {@code replicate}'s weight of each pair in {@code indices}, into {@code out}, in that order. */
    void weights(int replicate, int[] indices, int[] out) {
        long start = start(replicate);
        for (int k = 0; k < indices.length; k++) {
            out[k] = weight(start + (indices[k] + 1L) * GOLDEN_GAMMA);
        }
    }

    /** The generator's state just before the replicate's first draw. */
    private long start(int replicate) {
        return seed + (long) replicate * pairs * GOLDEN_GAMMA;
    }

    /**
     * The Poisson(1) weight of the draw made at generator state {@code state}: the first k with
     * {@code u <= P(K <= k)}, or {@value #MAX_WEIGHT}. Weights 0 to 3 (98 % of draws) are counted
     * without a branch, since a loop would mispredict about every other draw; the thresholds
     * rise, so counting those exceeded is the same as stopping at the first that is not.
     */
    private static int weight(long state) {
        long bits = mix64(state) >>> 11;
        int k = (bits > THRESHOLDS[0] ? 1 : 0) + (bits > THRESHOLDS[1] ? 1 : 0) + (bits > THRESHOLDS[2] ? 1 : 0)
                + (bits > THRESHOLDS[3] ? 1 : 0);
        if (k == 4) {
            while (k < MAX_WEIGHT && bits > THRESHOLDS[k]) {
                k++;
            }
        }
        return k;
    }

    /** SplitMix64's output function, as SplittableRandom applies it to its state. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long[] thresholds() {
        PoissonDistribution poisson = new PoissonDistribution(1.0);
        long[] thresholds = new long[MAX_WEIGHT];
        for (int k = 0; k < MAX_WEIGHT; k++) {
            thresholds[k] = (long) Math.floor(poisson.cumulativeProbability(k) * 0x1p53);
            if (k > 0 && thresholds[k] < thresholds[k - 1]) {
                throw new IllegalStateException("the Poisson(1) distribution function falls at " + k);
            }
        }
        return thresholds;
    }
}

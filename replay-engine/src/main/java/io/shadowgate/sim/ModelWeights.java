package io.shadowgate.sim;

import java.nio.charset.StandardCharsets;

/**
 * The fake model behind {@code /v1/predict}: a logistic regression whose weights are derived
 * from the model version, so the same version scores the same features identically on every
 * call and every run, and two versions disagree the way a retrained model would. Stateless
 * and safe to share.
 *
 * <p>Weight {@code i} is a SplitMix64 hash of (version, i) mapped to [-1, 1], so vectors of any
 * length work without storing weights. The dot product is divided by the square root of the
 * vector length so that long vectors do not all saturate the sigmoid at 0 or 1.
 */
final class ModelWeights {

    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final double bias;

    ModelWeights(String version) {
        this.seed = fnv1a64(version.getBytes(StandardCharsets.UTF_8));
        // Bias within [-0.5, 0.5]: enough to tell versions apart on all-zero input, small
        // enough that labels still depend on the features.
        this.bias = unit(mix64(seed)) - 0.5;
    }

    /** Weight of feature {@code index}, in [-1, 1]. */
    double weight(int index) {
        return 2 * unit(mix64(seed + GOLDEN_GAMMA * (index + 1L))) - 1;
    }

    /** The score in [0, 1], rounded to 6 decimals as the API reports it. */
    double score(double[] features) {
        double dot = 0;
        for (int i = 0; i < features.length; i++) {
            dot += weight(i) * features[i];
        }
        double z = bias + (features.length == 0 ? 0 : dot / Math.sqrt(features.length));
        return roundScore(sigmoid(z));
    }

    /** A score rounded to the 6 decimals the API reports, so that equal scores print equal digits. */
    static double roundScore(double score) {
        return Math.round(score * 1_000_000.0) / 1_000_000.0;
    }

    /** The label the API reports for a (rounded) score. */
    static String label(double score) {
        return score >= 0.5 ? POSITIVE : NEGATIVE;
    }

    private static double sigmoid(double z) {
        if (Double.isNaN(z)) {
            // Only huge opposite-signed features overflow to inf - inf; the model has no opinion.
            return 0.5;
        }
        // Two forms so exp() never overflows.
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** Uniform double in [0, 1) from the top 53 bits. */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64 finalizer (the mix behind {@link java.util.SplittableRandom}). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a64(byte[] bytes) {
        long hash = 0xCBF29CE484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xFF;
            hash *= 0x100000001B3L;
        }
        return hash;
    }
}

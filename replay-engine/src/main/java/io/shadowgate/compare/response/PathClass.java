package io.shadowgate.compare.response;

/** What a path's differences are, by the rule of {@link NoiseClassifier}. */
public enum PathClass {
    /** The candidate differs here more often than the baseline differs from itself, beyond chance. */
    REGRESSION,
    /** Not shown to differ more often than the baseline differs from itself (which may be never). */
    WITHIN_NOISE,
    /** No baseline-against-baseline pairs were compared, so every difference is a candidate difference. */
    NO_NOISE_DATA
}

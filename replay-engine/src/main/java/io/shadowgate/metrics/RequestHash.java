package io.shadowgate.metrics;

/**
 * A 64-bit hash of a request id under a seed, the same in every JVM and on every machine: what
 * sampled evidence is chosen by, so that a sample never depends on arrival order or on which
 * shard held which request. For a given seed it is a bijection of the id (an xor with a mixed
 * seed, then the SplitMix64 finaliser), so two requests never tie. Stateless.
 */
public final class RequestHash {

    private RequestHash() {
    }

    /** The hash of request {@code id} under {@code seed}. */
    public static long of(long id, long seed) {
        return mix(id ^ mix(seed));
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection of 64-bit values with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package io.shadowgate.shard;

import io.shadowgate.metrics.PairSample;
import java.util.Map;

/**
 * A shard's request-pair samples: bottom-k by a seeded hash of the request id
 * ({@code metrics.PairReservoir}), over all endpoints and per endpoint, with the ids, so the
 * merge can keep exactly the k pairs one process would have kept.
 *
 * @param capacity  k, pairs kept at most per sample
 * @param all       over all endpoints
 * @param endpoints per endpoint, by name
 */
public record PairSamples(int capacity, PairSample all, Map<String, PairSample> endpoints) {
}

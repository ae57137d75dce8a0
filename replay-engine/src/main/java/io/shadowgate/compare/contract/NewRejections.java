package io.shadowgate.compare.contract;

import java.util.List;
import java.util.Map;

/**
 * Requests of one endpoint that the baseline accepted (2xx) and the candidate rejected (4xx):
 * the candidate no longer accepts input its predecessor did.
 *
 * @param endpoint endpoint name
 * @param pairs    pairs where both sides answered, the denominator
 * @param rejected pairs with a baseline 2xx and a candidate 4xx
 * @param byStatus the candidate's 4xx codes on those pairs, with counts
 * @param examples rejected requests, named {@code request ID}: those whose ids hash smallest under the seed, in hash order
 */
public record NewRejections(String endpoint, long pairs, long rejected, Map<Integer, Long> byStatus,
                            List<String> examples) {

    /** rejected / pairs, NaN without pairs. */
    public double rate() {
        return pairs == 0 ? Double.NaN : (double) rejected / pairs;
    }
}

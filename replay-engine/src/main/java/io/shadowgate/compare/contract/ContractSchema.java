package io.shadowgate.compare.contract;

import java.util.Map;

/**
 * Every endpoint's learned response schema from one side, as {@link ContractLearner#schema()}
 * returns it. Immutable.
 *
 * @param endpoints                endpoint name to schema, in name order
 * @param pathCap                  distinct paths tracked per endpoint (below the roots)
 * @param foldedEndpointResponses  responses of endpoints beyond the endpoint cap, not learned
 */
public record ContractSchema(Map<String, EndpointSchema> endpoints, int pathCap, long foldedEndpointResponses) {

    /** Responses learned from, over every endpoint. */
    public long responsesLearned() {
        return endpoints.values().stream().mapToLong(EndpointSchema::responses).sum();
    }
}

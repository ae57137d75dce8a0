package io.shadowgate.compare.contract;

import java.util.Map;

/**
 * The response schema learned for one endpoint from one side's responses.
 *
 * @param endpoint    endpoint name
 * @param responses   responses learned from
 * @param statuses    status code to responses
 * @param bodies      status class ({@code 2xx}, ...) to the bodies seen in it
 * @param foldedValues values at paths beyond the endpoint's distinct-path cap, not tracked; when
 *                    non-zero, a path absent from this side may only have been over the cap
 */
public record EndpointSchema(String endpoint, long responses, Map<Integer, Long> statuses,
                             Map<String, BodySchema> bodies, long foldedValues) {

    public long status(int code) {
        return statuses.getOrDefault(code, 0L);
    }
}

package io.shadowgate.scenario;

import java.util.Map;

/**
 * One kind of request in the synthesized mix. The body may hold placeholders that are
 * filled per request from the scenario's seed: {@code {{seq}}}, {@code {{uuid}}},
 * {@code {{int:MIN:MAX}}}, {@code {{float:MIN:MAX}}} and {@code {{features:N}}} (a JSON
 * array of N numbers in [-1, 1]).
 *
 * @param name    endpoint name used in metrics and reports; defaults to "METHOD path"
 * @param weight  relative share of the mix, greater than 0
 * @param method  HTTP method
 * @param path    path and query, starting with '/'
 * @param headers request headers, in order
 * @param body    request body template, or null for none
 */
public record RequestTemplate(
        String name,
        double weight,
        String method,
        String path,
        Map<String, String> headers,
        String body) {
}

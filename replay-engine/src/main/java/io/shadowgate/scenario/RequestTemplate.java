package io.shadowgate.scenario;

import java.util.Map;

/**
 * One kind of request in the synthesized mix. The path, the header values and the body may
 * hold placeholders that are filled per request from the scenario's seed (see
 * {@link TemplateText} for the list: sequence numbers, uuids, numbers, features, weighted
 * choices and session keys).
 *
 * @param name     endpoint name used in metrics and reports; defaults to "METHOD path"
 * @param weight   relative share of the mix, greater than 0
 * @param method   HTTP method
 * @param path     path and query, starting with '/'; may hold placeholders
 * @param headers  request headers, in order; values may hold placeholders
 * @param body     request body template, or null for none
 * @param sessions how many sessions these requests belong to: each request draws one of them
 *                 as its session key ({@code {{session}}} renders it); 0 for none. A
 *                 {@code {{session:N}}} placeholder also sets it.
 */
public record RequestTemplate(
        String name,
        double weight,
        String method,
        String path,
        Map<String, String> headers,
        String body,
        int sessions) {

    /** A request that belongs to no session unless a {@code {{session:N}}} placeholder says so. */
    public RequestTemplate(String name, double weight, String method, String path, Map<String, String> headers,
                           String body) {
        this(name, weight, method, path, headers, body, 0);
    }
}

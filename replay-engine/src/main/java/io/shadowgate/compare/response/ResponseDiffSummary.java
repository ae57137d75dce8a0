package io.shadowgate.compare.response;

import java.util.List;

/**
 * The response differences of a run, per endpoint (by name), classified at one-sided level
 * {@code alpha}. Immutable, built from stored counts: a report renders it without the engine.
 *
 * @param alpha     one-sided level of the regression test of every path
 * @param endpoints one summary per endpoint, ordered by name
 */
public record ResponseDiffSummary(double alpha, List<EndpointDiffSummary> endpoints) {

    public ResponseDiffSummary {
        endpoints = List.copyOf(endpoints);
    }
}

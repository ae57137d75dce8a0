package io.shadowgate.scenario;

import java.time.Duration;
import java.util.List;

/**
 * A synthesized request stream: arrivals at {@code rate} per second for {@code duration},
 * each request drawn from the weighted {@code requests} mix.
 *
 * @param duration how long the stream lasts
 * @param rate     mean requests per second (per target in shadow mode)
 * @param arrivals constant spacing or a Poisson process
 * @param requests request templates with weights; at least one
 */
public record TrafficSpec(Duration duration, double rate, Arrivals arrivals, List<RequestTemplate> requests) {

    /** Inter-arrival model. */
    public enum Arrivals {
        /** Exactly 1/rate apart. */
        CONSTANT,
        /** Exponential gaps with mean 1/rate: what independent users produce. */
        POISSON
    }

    public TrafficSpec withDuration(Duration newDuration) {
        return new TrafficSpec(newDuration, rate, arrivals, requests);
    }

    public TrafficSpec withRate(double newRate) {
        return new TrafficSpec(duration, newRate, arrivals, requests);
    }
}

package io.shadowgate.scenario;

import java.time.Duration;
import java.util.List;

/**
 * A synthesized request stream: for {@code duration}, requests offered at the rate the
 * {@code rateCurve} gives at each instant, spaced by the {@code arrivals} model, each drawn
 * from the weighted {@code requests} mix.
 *
 * @param duration  how long the stream lasts
 * @param rateCurve requests per second as a function of elapsed time (per target in shadow mode)
 * @param arrivals  deterministic spacing or a Poisson process along the curve
 * @param requests  request templates with weights; at least one
 */
public record TrafficSpec(Duration duration, RateCurve rateCurve, Arrivals arrivals, List<RequestTemplate> requests) {

    /** How arrivals follow the rate curve. */
    public enum Arrivals {
        /**
         * Deterministic: the n-th request (from 0) is where the expected count passes n, so
         * gaps follow the instantaneous rate; exactly 1/rate apart at a fixed rate.
         */
        CONSTANT,
        /**
         * A Poisson process whose intensity is the curve: what independent users produce
         * (exponential gaps with mean 1/rate at a fixed rate).
         */
        POISSON
    }

    /** A fixed rate: what every scenario meant before rate curves, and what {@code --rate} means. */
    public TrafficSpec(Duration duration, double rate, Arrivals arrivals, List<RequestTemplate> requests) {
        this(duration, new RateCurve.Fixed(rate), arrivals, requests);
    }

    /** Mean requests per second over the duration; for a fixed rate, the rate itself. */
    public double rate() {
        return rateCurve instanceof RateCurve.Fixed fixed ? fixed.perSecond() : rateCurve.meanRate(duration);
    }

    /** Another length; a ramp over the whole run is stretched with it (see {@link RateCurve#forRun}). */
    public TrafficSpec withDuration(Duration newDuration) {
        return new TrafficSpec(newDuration, rateCurve.forRun(duration, newDuration), arrivals, requests);
    }

    /** A constant rate of {@code newRate}, whatever shape the curve had: the CLI's {@code --rate}. */
    public TrafficSpec withRate(double newRate) {
        return new TrafficSpec(duration, new RateCurve.Fixed(newRate), arrivals, requests);
    }
}

package io.shadowgate.scenario;

import java.util.Map;

/**
 * One scenario file, loaded and validated: what to replay, against which targets, and the
 * gates a candidate must pass. Immutable; produced only by {@link ScenarioLoader}.
 *
 * @param name        short identifier, used in report paths
 * @param description one or two sentences saying what the scenario rehearses
 * @param seed        seeds every random choice (arrivals, request bodies, simulated latency)
 * @param mode        how requests are dispatched to the targets
 * @param targets     by role: {@code baseline}, {@code candidate}, optional {@code baseline-replica}
 * @param traffic     where the requests come from
 * @param timeouts    connect and per-request limits
 * @param connections client connection limits per target
 * @param gates       acceptance criteria for the candidate
 * @param compare     how the two responses to each request are compared (shadow mode, and split
 *                    mode's shadow phase)
 * @param rehearsal   split mode's stages, or null in shadow mode
 * @param capacity    capacity mode's knees per version, or null when not asked for
 * @param deterministicLatency the deterministic-latency mode ({@code deterministicLatency: true}):
 *                    every target is simulated, each states a latency that is a function of the
 *                    seed and the request id, and the run records that instead of the clock's;
 *                    for proving that sharded runs merge exactly, not for judging real services
 */
public record Scenario(
        String name,
        String description,
        long seed,
        Mode mode,
        Map<String, TargetSpec> targets,
        TrafficInput traffic,
        Timeouts timeouts,
        Connections connections,
        Gates gates,
        ResponseComparison compare,
        Rehearsal rehearsal,
        CapacitySpec capacity,
        boolean deterministicLatency) {

    /** A scenario measured by the clock, as every scenario outside the deterministic-latency mode is. */
    public Scenario(String name, String description, long seed, Mode mode, Map<String, TargetSpec> targets,
                    TrafficInput traffic, Timeouts timeouts, Connections connections, Gates gates,
                    ResponseComparison compare, Rehearsal rehearsal, CapacitySpec capacity) {
        this(name, description, seed, mode, targets, traffic, timeouts, connections, gates, compare, rehearsal, capacity,
                false);
    }

    public static final String BASELINE = "baseline";
    public static final String CANDIDATE = "candidate";

    public TargetSpec baseline() {
        return targets.get(BASELINE);
    }

    public TargetSpec candidate() {
        return targets.get(CANDIDATE);
    }

    /** The same scenario with other traffic (the CLI's {@code --traffic}, {@code --duration}, {@code --rate}). */
    public Scenario withTraffic(TrafficInput newTraffic) {
        return new Scenario(name, description, seed, mode, targets, newTraffic, timeouts, connections, gates, compare,
                rehearsal, capacity, deterministicLatency);
    }
}

package io.shadowgate.cli;

import io.shadowgate.replay.TargetEndpoint;
import io.shadowgate.scenario.EnvReference;
import io.shadowgate.scenario.ResponseComparison;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.TargetSpec;
import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.Header;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's targets, ready to be sent to: simulated ones started on loopback ports, real ones
 * with their per-target headers read from the environment. Baseline first, candidate second,
 * then any others: reports and the judge rely on this order. Closing stops the simulated servers.
 */
final class RunTargets implements AutoCloseable {

    /** The baseline again, under its own role: {@code compare.noise: repeat} sends each request twice. */
    static final String BASELINE_REPEAT = "baseline-repeat";
    static final String BASELINE_REPLICA = "baseline-replica";

    private final Map<String, TargetEndpoint> endpoints;
    private final List<SimulatedServer> servers;

    private RunTargets(Map<String, TargetEndpoint> endpoints, List<SimulatedServer> servers) {
        this.endpoints = endpoints;
        this.servers = servers;
    }

    /** Resolves headers first, so a missing variable stops the run before any server starts. */
    static RunTargets start(Scenario scenario, Map<String, String> environment) throws BadInputException {
        Map<String, List<Header>> headers = new LinkedHashMap<>();
        for (String role : roles(scenario)) {
            headers.put(role, headers(role, scenario.targets().get(role), environment));
        }
        Map<String, TargetEndpoint> endpoints = new LinkedHashMap<>();
        List<SimulatedServer> servers = new ArrayList<>();
        long seedOffset = 0;
        try {
            for (String role : roles(scenario)) {
                TargetSpec spec = scenario.targets().get(role);
                URI address;
                if (spec.isSimulated()) {
                    SimulatedServer server = SimulatedServer.start(spec.simulated(), "127.0.0.1", 0,
                            scenario.seed() + (++seedOffset), 1, scenario.deterministicLatency());
                    servers.add(server);
                    address = server.address();
                } else {
                    address = spec.url();
                }
                endpoints.put(role, new TargetEndpoint(address, headers.get(role), spec.host()));
            }
            if (scenario.compare().noise() == ResponseComparison.Noise.REPEAT) {
                // Its own role, so its own connections: the second send is not queued behind the first.
                endpoints.put(BASELINE_REPEAT, endpoints.get(Scenario.BASELINE));
            }
        } catch (RuntimeException e) {
            // A later server failed to start: the ones already running must not outlive the run.
            servers.forEach(SimulatedServer::close);
            throw e;
        }
        return new RunTargets(endpoints, servers);
    }

    /** Whether every target allows non-idempotent requests; otherwise they are left out of the replay. */
    static boolean sideEffectsAllowed(Scenario scenario) {
        return scenario.targets().values().stream().allMatch(TargetSpec::allowSideEffects);
    }

    /** Version identifiers by role: the simulated model version, else unknown. */
    static Map<String, String> versions(Scenario scenario) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String role : roles(scenario)) {
            TargetSpec spec = scenario.targets().get(role);
            versions.put(role, spec.isSimulated() ? spec.simulated().version() : "unknown");
        }
        if (scenario.compare().noise() == ResponseComparison.Noise.REPEAT) {
            versions.put(BASELINE_REPEAT, versions.get(Scenario.BASELINE));
        }
        return versions;
    }

    /** The role whose answers measure the baseline's noise, or null when noise is not measured. */
    static String noiseRole(Scenario scenario) {
        return switch (scenario.compare().noise()) {
            case OFF -> null;
            case REPEAT -> BASELINE_REPEAT;
            case REPLICA -> BASELINE_REPLICA;
        };
    }

    Map<String, TargetEndpoint> endpoints() {
        return endpoints;
    }

    Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        endpoints.forEach((role, endpoint) -> addresses.put(role, endpoint.address().toString()));
        return addresses;
    }

    /** Makes simulated faults count from the schedule's start, not from the servers' start. */
    void anchorFaults(long scheduleStartNanos) {
        servers.forEach(server -> server.anchorFaults(scheduleStartNanos));
    }

    @Override
    public void close() {
        servers.forEach(SimulatedServer::close);
    }

    private static List<String> roles(Scenario scenario) {
        List<String> roles = new ArrayList<>(List.of(Scenario.BASELINE, Scenario.CANDIDATE));
        for (String role : scenario.targets().keySet()) {
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    private static List<Header> headers(String role, TargetSpec spec, Map<String, String> environment)
            throws BadInputException {
        List<Header> headers = new ArrayList<>();
        for (Map.Entry<String, String> e : spec.headers().entrySet()) {
            String value = EnvReference.resolve(e.getValue(), environment).orElse(null);
            if (value == null) {
                throw new BadInputException("targets." + role + ".headers." + e.getKey() + ": the environment variable "
                        + EnvReference.variable(e.getValue()) + " is not set");
            }
            headers.add(new Header(e.getKey(), value));
        }
        return List.copyOf(headers);
    }
}

package io.shadowgate.scenario;

import io.shadowgate.compare.model.ModelOutputPaths;
import io.shadowgate.compare.response.DiffRules;
import java.util.Map;

/**
 * How a shadow run compares the two responses to each request ({@code compare:} in a
 * scenario). On by default in shadow mode: the contract check needs nothing configured.
 *
 * @param enabled      whether responses are kept and compared at all
 * @param noise        how the baseline's disagreement with itself is measured
 * @param examples     example pairs kept per differing path, for the report
 * @param exampleBytes bodies in examples are cut to this many bytes
 * @param rules        diff rules by endpoint name; {@code *} applies to endpoints without their own
 * @param models       where model outputs are in the responses, by endpoint name ({@code *} as above)
 */
public record ResponseComparison(boolean enabled, Noise noise, int examples, int exampleBytes,
                                 Map<String, DiffRules> rules, Map<String, ModelOutputPaths> models) {

    /** The endpoint key whose rules apply to every endpoint without its own. */
    public static final String EVERY_ENDPOINT = "*";

    public static final ResponseComparison DEFAULT = new ResponseComparison(true, Noise.OFF, 5, 2_048,
            Map.of(), Map.of());

    public static final ResponseComparison DISABLED = new ResponseComparison(false, Noise.OFF, 0, 0, Map.of(), Map.of());

    /** How the run learns what differs between two calls to the same version. */
    public enum Noise {
        /** Not measured: every difference is the candidate's. */
        OFF,
        /** Each request is also sent a second time to the baseline, at the same instant. */
        REPEAT,
        /** A {@code baseline-replica} target, a second instance of the baseline version. */
        REPLICA
    }

    /** The diff rules of {@code endpoint}: its own, else those of {@code *}, else the defaults. */
    public DiffRules rulesFor(String endpoint) {
        DiffRules own = rules.get(endpoint);
        return own != null ? own : rules.getOrDefault(EVERY_ENDPOINT, DiffRules.defaults());
    }

    /** Where the model outputs of {@code endpoint} are, or null when it is not a model endpoint. */
    public ModelOutputPaths modelFor(String endpoint) {
        ModelOutputPaths own = models.get(endpoint);
        return own != null ? own : models.get(EVERY_ENDPOINT);
    }
}

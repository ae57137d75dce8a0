package io.shadowgate.compare;

import io.shadowgate.compare.contract.ContractComparison;
import io.shadowgate.compare.contract.ContractLearner;
import io.shadowgate.compare.contract.ContractSchema;
import io.shadowgate.compare.contract.NewRejectionCounter;
import io.shadowgate.compare.model.ModelComparisonRecorder;
import io.shadowgate.compare.model.ModelComparisonSummary;
import io.shadowgate.compare.model.ModelOutputPaths;
import io.shadowgate.compare.response.SingleWriterDiffAccumulator;
import io.shadowgate.scenario.ResponseComparison;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a {@link ResponseComparisonRecorder} has compared, as data: the diff counts and
 * examples, each side's learned contract, the new rejections, the model comparisons, and what
 * went uncompared. A shard stores it; a merge adds the shards' states ({@link #merge}) and reads
 * the findings from the sum ({@link #findings}), exactly as one process reads its own: every part
 * adds up, and every sample in it is chosen by a hash of the request id. Immutable.
 *
 * @param diffs          differences per endpoint and path, with examples
 * @param baselineSchema the contract learned from the baseline's responses
 * @param candidateSchema the contract learned from the candidate's responses
 * @param rejections     pairs the baseline accepted and the candidate rejected
 * @param models         per model endpoint, the model comparison
 * @param uncompared     pairs not compared because the comparison fell behind
 * @param unpaired       requests that did not end at every compared target
 */
public record ResponseComparisonState(SingleWriterDiffAccumulator.State diffs, ContractSchema baselineSchema,
                                      ContractSchema candidateSchema, NewRejectionCounter.State rejections,
                                      Map<String, ModelComparisonRecorder.State> models, long uncompared,
                                      long unpaired) {

    /** The seed of {@code endpoint}'s model comparison under the run's {@code seed}. */
    static long modelSeed(long seed, String endpoint) {
        return seed + endpoint.hashCode();
    }

    /**
     * The sum of {@code states} (shards' of one run, compared under {@code config} and
     * {@code seed}): the state one process comparing every shard's pairs would hold. Commutative;
     * exact as long as no shard reached a bound (see the README: paths per endpoint, classes).
     *
     * @throws IllegalArgumentException when the states cannot be of one run (different bounds or
     *                                  seeds, a model endpoint the scenario does not have)
     */
    public static ResponseComparisonState merge(List<ResponseComparisonState> states, ResponseComparison config,
                                                long seed) {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("no comparison states to merge");
        }
        ResponseComparisonState first = states.get(0);
        SingleWriterDiffAccumulator diffs = SingleWriterDiffAccumulator.of(first.diffs(),
                ResponseComparisonRecorder.exampleRedactor());
        ContractLearner baseline = ContractLearner.of(first.baselineSchema());
        ContractLearner candidate = ContractLearner.of(first.candidateSchema());
        NewRejectionCounter rejections = NewRejectionCounter.of(first.rejections());
        Map<String, ModelComparisonRecorder> models = new TreeMap<>();
        long uncompared = 0;
        long unpaired = 0;
        for (int i = 0; i < states.size(); i++) {
            ResponseComparisonState s = states.get(i);
            if (i > 0) {
                diffs.merge(SingleWriterDiffAccumulator.of(s.diffs(), ResponseComparisonRecorder.exampleRedactor()));
                baseline.merge(ContractLearner.of(s.baselineSchema()));
                candidate.merge(ContractLearner.of(s.candidateSchema()));
                rejections.merge(NewRejectionCounter.of(s.rejections()));
            }
            for (Map.Entry<String, ModelComparisonRecorder.State> e : s.models().entrySet()) {
                ModelComparisonRecorder theirs = model(config, seed, e.getKey(), e.getValue());
                ModelComparisonRecorder mine = models.putIfAbsent(e.getKey(), theirs);
                if (mine != null) {
                    mine.merge(theirs);
                }
            }
            uncompared += s.uncompared();
            unpaired += s.unpaired();
        }
        Map<String, ModelComparisonRecorder.State> modelStates = new TreeMap<>();
        models.forEach((e, m) -> modelStates.put(e, m.state()));
        return new ResponseComparisonState(diffs.state(), baseline.schema(), candidate.schema(), rejections.state(),
                modelStates, uncompared, unpaired);
    }

    /** What this state found, as the judge and the reports read it; {@code alpha} is the one-sided level for noise. */
    public ResponseFindings findings(ResponseComparison config, long seed, double alpha) {
        Map<String, ModelComparisonSummary> summaries = new TreeMap<>();
        models.forEach((e, state) -> summaries.put(e, model(config, seed, e, state).summary()));
        return new ResponseFindings(config.noise().name().toLowerCase(Locale.ROOT),
                SingleWriterDiffAccumulator.of(diffs, ResponseComparisonRecorder.exampleRedactor()).summary(alpha),
                Map.copyOf(summaries), ContractComparison.compare(baselineSchema, candidateSchema),
                NewRejectionCounter.of(rejections).snapshot(), uncompared, unpaired,
                Math.min(baselineSchema.responsesLearned(), candidateSchema.responsesLearned()));
    }

    private static ModelComparisonRecorder model(ResponseComparison config, long seed, String endpoint,
                                                 ModelComparisonRecorder.State state) {
        ModelOutputPaths paths = config.modelFor(endpoint);
        if (paths == null) {
            throw new IllegalArgumentException("model outputs were compared on " + endpoint
                    + ", which has no model paths in the scenario");
        }
        return ModelComparisonRecorder.of(paths, modelSeed(seed, endpoint), state);
    }
}

package io.shadowgate.compare;

import io.shadowgate.compare.contract.ContractChange;
import io.shadowgate.compare.contract.NewRejections;
import io.shadowgate.compare.model.ModelComparisonSummary;
import io.shadowgate.compare.response.ResponseDiffSummary;
import java.util.List;
import java.util.Map;

/**
 * What comparing the responses of a run found (in split mode, only the contract): differences per endpoint and path (with
 * the baseline's own noise), model outputs per model endpoint, the contract changes, and the
 * requests the baseline accepted that the candidate rejected.
 *
 * @param noise      how noise was measured: {@code off}, {@code repeat} or {@code replica}
 * @param diffs      differences per endpoint and path, classified against noise
 * @param models     model comparison per endpoint that has model paths
 * @param contract   schema changes from the baseline's responses to the candidate's
 * @param rejections per endpoint, pairs the baseline answered 2xx and the candidate 4xx
 * @param uncompared requests whose responses were not compared because comparison fell behind
 *                   the replay (its queue was full); zero unless the machine was overloaded
 * @param unpaired   requests that did not end at every compared target (a stopped run's
 *                   requests still unsent at one target), so had nothing to compare
 * @param contractResponses the responses the contract was learned from on the side with fewer:
 *                   what the contract gate's GO rests on
 */
public record ResponseFindings(String noise, ResponseDiffSummary diffs, Map<String, ModelComparisonSummary> models,
                               List<ContractChange> contract, List<NewRejections> rejections, long uncompared,
                               long unpaired, long contractResponses) {

    /** How {@link #noise} reads for findings of split stages, which learn each side's contract from its own responses. */
    public static final String UNPAIRED = "unpaired";
}

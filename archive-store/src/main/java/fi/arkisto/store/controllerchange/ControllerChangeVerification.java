package fi.arkisto.store.controllerchange;

import java.util.List;

/**
 * What the verification of a run found: the scope's documents counted before the run and now, the assignments
 * written, sampled documents whose stored bytes were read back against their SHA-256, and the audit chain.
 *
 * @param documentsBefore the scope's documents when the run began (its impact)
 * @param documentsAfter  the scope's documents now (archiving into the scope was paused: the same, or more by those
 *                        archived before every instance saw the pause)
 * @param assigned        assignments the change holds
 * @param unassigned      documents of the scope without an assignment
 * @param samples         the sampled document OIDs, each read back byte-identical
 * @param auditChainValid whether the whole audit hash chain verified
 * @param problems        what did not hold, empty when the run verified
 */
public record ControllerChangeVerification(long documentsBefore, long documentsAfter, long assigned, long unassigned,
                                           List<String> samples, boolean auditChainValid, List<String> problems) {

    public ControllerChangeVerification {
        samples = List.copyOf(samples);
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}

package fi.arkisto.store.controllerchange;

import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditVerification;
import fi.arkisto.store.object.ObjectStore;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The verification of a controller change run: the scope's documents counted now against the count before the run
 * (more after are those archived just before every instance saw the pause, which the sweep assigned; fewer means
 * something was lost), every document of the scope assigned by this change and nothing else, sampled assigned
 * documents read back from the object store against their SHA-256 (the bytes are as archived), and the whole audit
 * hash chain (invariant 5, docs/invariants.md).
 */
final class RunVerification {

    private final ControllerChangeRepository changes;
    private final AuditLog audit;
    private final ObjectStore objects;
    private final TransactionTemplate transaction;

    RunVerification(ControllerChangeRepository changes, AuditLog audit, ObjectStore objects,
                    TransactionTemplate transaction) {
        this.changes = changes;
        this.audit = audit;
        this.objects = objects;
        this.transaction = transaction;
    }

    ControllerChangeVerification verify(ControllerChange change, ControllerChangeSelection selection,
                                        long documentsBefore, int samples) {
        long after = changes.countSelected(selection);
        long assigned = changes.countAssigned(change.id());
        // in a transaction of its own when there is none: its planner settings last to the transaction's end
        Long unassigned = transaction.execute(status -> changes.countUnassigned(selection, change.id()));
        List<String> problems = new ArrayList<>();
        if (after < documentsBefore) {
            problems.add("the scope held " + documentsBefore + " documents before the run and " + after + " after");
        }
        if (unassigned > 0) {
            problems.add(unassigned + " documents of the scope are not assigned");
        }
        if (assigned != after - unassigned) {
            problems.add(assigned + " assignments for " + (after - unassigned) + " assigned documents of the scope");
        }
        List<String> sampled = new ArrayList<>();
        for (String[] sample : changes.sampleAssigned(change.id(), samples)) {
            try {
                objects.get(sample[1], sample[2]);
                sampled.add(sample[0]);
            } catch (RuntimeException e) {
                problems.add("document " + sample[0] + " does not read back as archived: " + e.getMessage());
            }
        }
        AuditVerification chain = audit.verify();
        if (!chain.valid()) {
            problems.add("the audit chain is broken at event " + chain.firstBrokenEventId() + ": " + chain.problem());
        }
        return new ControllerChangeVerification(documentsBefore, after, assigned, unassigned, sampled, chain.valid(),
                problems);
    }
}

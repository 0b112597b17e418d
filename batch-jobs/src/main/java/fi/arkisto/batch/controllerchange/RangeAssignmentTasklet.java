package fi.arkisto.batch.controllerchange;

import fi.arkisto.store.controllerchange.AssignedRange;
import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * One partition of the controller change job: its range of the scope, {@code [from, until)} by document OID, assigned
 * a step at a time, each step one transaction that picks, checks and inserts up to a chunk of documents in the
 * database ({@link ControllerChangeService#assignRange}) with one audit event. Restartable: the last OID a step went
 * through is saved in the step's context with the step's own commit, so a restarted partition goes on after the last
 * committed step; what it goes through again is assigned once all the same.
 * Not final: the step scope proxies it.
 */
class RangeAssignmentTasklet implements Tasklet {

    static final String LAST = "controllerChange.lastOid";

    private final ControllerChangeService changes;
    private final ControllerChange change;
    private final String from;
    private final String until;
    private final int chunkSize;
    private final AssignmentRate rate;

    RangeAssignmentTasklet(ControllerChangeService changes, ControllerChange change, String from, String until,
                           int chunkSize, AssignmentRate rate) {
        this.changes = changes;
        this.change = change;
        this.from = from;
        this.until = until;
        this.chunkSize = chunkSize;
        this.rate = rate;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        String last = context.containsKey(LAST) ? context.getString(LAST) : null;
        rate.acquire(chunkSize);
        AssignedRange range = changes.assignRange(change, from, last, until, chunkSize);
        contribution.incrementWriteCount(range.assigned());
        if (range.last() != null) {
            context.putString(LAST, range.last());
        }
        return range.picked() < chunkSize ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }
}

package fi.arkisto.batch.controllerchange;

import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamReader;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads one partition's range of a change's scope, {@code [from, until)} by document OID, page by page (keyset: the
 * index on controller and document OID). Restartable: the last OID handed out is saved with each chunk's commit, so a
 * restarted partition reads on after the last committed chunk; what it reads again is assigned once all the same.
 */
class ScopeRangeReader implements ItemStreamReader<String> {

    static final String LAST = "controllerChange.lastOid";

    private final ControllerChangeService changes;
    private final ControllerChange change;
    private final String from;
    private final String until;
    private final int pageSize;
    private final Deque<String> page = new ArrayDeque<>();
    private String last;
    private boolean exhausted;

    ScopeRangeReader(ControllerChangeService changes, ControllerChange change, String from, String until, int pageSize) {
        this.changes = changes;
        this.change = change;
        this.from = from;
        this.until = until;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        last = context.containsKey(LAST) ? context.getString(LAST) : null;
    }

    @Override
    public String read() {
        if (page.isEmpty() && !exhausted) {
            List<String> next = changes.page(change, from, last, until, pageSize);
            page.addAll(next);
            exhausted = next.size() < pageSize;
        }
        String oid = page.poll();
        if (oid != null) {
            last = oid;
        }
        return oid;
    }

    @Override
    public void update(ExecutionContext context) {
        if (last != null) {
            context.putString(LAST, last);
        }
    }

}

package fi.arkisto.app.operations;

import fi.arkisto.store.document.OrphanSweepLog;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.List;

/**
 * {@code GET /actuator/orphansweeps}: the newest orphan sweeps (when, which instance, how many document objects
 * examined, which removed, or why the sweep failed), read-only, for operators with the monitoring credential
 * (docs/running.md, "Operations"). The keys are content-addressed: no personal data.
 */
@Endpoint(id = OrphanSweepsEndpoint.ID)
public class OrphanSweepsEndpoint {

    public static final String ID = "orphansweeps";
    /** The newest this many: a daily sweep's last quarter of a year. */
    static final int LIMIT = 100;

    private final OrphanSweepLog sweeps;

    OrphanSweepsEndpoint(OrphanSweepLog sweeps) {
        this.sweeps = sweeps;
    }

    @ReadOperation
    public List<OrphanSweepLog.Entry> sweeps() {
        return sweeps.recent(LIMIT);
    }
}

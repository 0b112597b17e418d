package fi.arkisto.store.deploymenttest;

/** Where a deployment test stands (docs/workflows.md, "Deployment test"). */
public enum TestRunState {
    /** The organisation registered the deployment; a coordinator has not decided yet. */
    REGISTERED,
    /** The coordinator rejected the registration. */
    REJECTED,
    /** A test window is agreed and test identity codes handed out; the window has not opened. */
    SCHEDULED,
    /** The window is open: the archive accepts the test case and the guard checks every document. */
    OPEN,
    /** The window closed; the findings await the archivist. */
    CLOSED,
    /** The test failed (verification, archivist or coordinator); a new window is to be scheduled. */
    FAILED,
    /** The archivist confirmed a successful test; the report to Kela and the approval follow. */
    PASSED,
    /** The coordinator approved: the functions are in use from their start date. */
    APPROVED
}

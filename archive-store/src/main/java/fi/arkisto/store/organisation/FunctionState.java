package fi.arkisto.store.organisation;

/** Where an organisation stands with one {@link KantaFunction}. */
public enum FunctionState {
    /** Registered for deployment; no test has run yet. */
    PLANNED,
    /** A deployment test is scheduled or running. */
    TESTING,
    /** In use from its start date: the deployment test was approved. */
    IN_USE
}

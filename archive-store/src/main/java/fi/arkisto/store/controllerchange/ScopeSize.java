package fi.arkisto.store.controllerchange;

/**
 * The size of a controller change's scope as a run begins, against which its verification compares the scope after
 * (docs/workflows.md, "The job"): counted in one pass, without the distinct counts of the impact.
 *
 * @param documents document versions in the scope
 * @param bytes     their stored bytes
 */
public record ScopeSize(long documents, long bytes) {
}

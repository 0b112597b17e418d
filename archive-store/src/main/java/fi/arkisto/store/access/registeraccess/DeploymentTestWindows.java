package fi.arkisto.store.access.registeraccess;

import java.util.List;

/**
 * Where the client facts learn which register access right deployment tests are under way ({@link DeploymentTestWindow}):
 * read at most once a second, as the archiving path's test-run guard reads the open runs (docs/workflows.md, "The
 * test-run guard"), so a window opened or closed on another instance reaches this one within that second.
 */
@FunctionalInterface
public interface DeploymentTestWindows {

    /** An archive without deployment tests: none is ever under way. */
    DeploymentTestWindows NONE = List::of;

    /** The tests under way now. */
    List<DeploymentTestWindow> current();
}

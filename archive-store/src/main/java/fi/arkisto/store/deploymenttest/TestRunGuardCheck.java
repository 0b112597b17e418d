package fi.arkisto.store.deploymenttest;

import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.ValidationReport;
import org.springframework.core.Ordered;

/**
 * The {@link TestRunGuard} as an archiving-stage check. It runs first, before signatures and structures, so that a
 * test document with a real identity code is refused for that (and recorded with its run) whatever else is wrong.
 */
public final class TestRunGuardCheck implements DocumentCheck, Ordered {

    public static final int ORDER = 50;

    private final TestRunGuard guard;

    public TestRunGuardCheck(TestRunGuard guard) {
        this.guard = guard;
    }

    @Override
    public void check(ParsedDocument document, ValidationReport report) {
        guard.admit(document);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

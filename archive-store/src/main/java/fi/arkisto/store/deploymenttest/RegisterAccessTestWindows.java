package fi.arkisto.store.deploymenttest;

import fi.arkisto.store.access.registeraccess.DeploymentTestWindow;
import fi.arkisto.store.access.registeraccess.DeploymentTestWindows;
import fi.arkisto.store.organisation.KantaFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The register access right deployment tests under way, as the access facts know them ({@link DeploymentTestWindow}):
 * each run of the function under way, with the organisation under test as the organiser and its partner as the
 * provider (docs/workflows.md, "Register access lifecycle"), read through the ledger's cache as the test-run guard
 * reads it.
 */
public final class RegisterAccessTestWindows implements DeploymentTestWindows {

    private final TestRunLedger ledger;

    public RegisterAccessTestWindows(TestRunLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger);
    }

    @Override
    public List<DeploymentTestWindow> current() {
        List<DeploymentTestWindow> windows = new ArrayList<>();
        for (TestRun run : ledger.underWayCached()) {
            if (run.functions().contains(KantaFunction.REGISTER_ACCESS_RIGHT) && run.organisationOid() != null
                    && run.partnerOrganisationOid() != null) {
                windows.add(new DeploymentTestWindow(run.organisationOid(), run.partnerOrganisationOid(),
                        run.state() == TestRunState.OPEN));
            }
        }
        return windows;
    }
}

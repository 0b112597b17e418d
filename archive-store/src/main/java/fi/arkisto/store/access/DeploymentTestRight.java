package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.registeraccess.DeploymentTestWindow;
import fi.arkisto.store.access.registeraccess.RightStatus;
import fi.arkisto.store.identity.PersonalIdentityCode;

/**
 * The register access right in its deployment test (docs/access.md, "The register access right in its deployment
 * test"). kanta.fi ("Register access right of social welfare services"; the deployment test as {@code TestRun}
 * cites it): the register access right test has the service provider as partner and runs in production with test
 * identity codes, before the function is taken into use; the archive's lifecycle makes the agreement only once the
 * test is approved. So while the window of a test between the register's organiser and
 * the provider is open, and the provider's period for the client contains the day, the open window stands in for
 * the missing (or not covering, or ended) agreement, for a client with a test identity code (individual number
 * 900-999) only: no real person's data is reached on it. The right it gives is the ordinary one, not the extensive.
 */
final class DeploymentTestRight {

    private DeploymentTestRight() {
    }

    /**
     * Why the deployment test does not give the provider the right, or null when it does.
     *
     * @param status the provider's right without the test: its period and agreement on the day
     */
    static DenialReason refusal(RightStatus status, String provider, DocumentFacts document, ClientFacts client) {
        if (!status.onlyAgreementLacking()) {
            return RegisterAccessDecision.denial(status);
        }
        DeploymentTestWindow test = client.registerAccess().test(document.controller(), provider);
        if (test == null) {
            return RegisterAccessDecision.denial(status);
        }
        if (!PersonalIdentityCode.isTestCode(client.clientId()) || !PersonalIdentityCode.isTestCode(document.clientId())) {
            return DenialReason.REGISTER_ACCESS_TEST_REAL_IDENTITY_CODE;
        }
        return test.windowOpen() ? null : DenialReason.REGISTER_ACCESS_TEST_WINDOW_NOT_OPEN;
    }
}

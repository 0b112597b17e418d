package fi.arkisto.store.access.registeraccess;

import java.util.Objects;

/**
 * A deployment test of the register access right between an organiser and a provider that is under way: registered
 * and neither rejected nor approved. kanta.fi ("Register access right of social welfare services", and the
 * deployment test as the test-run guard cites it): a register access right test involves the service provider as
 * partner, runs in production with test identity codes at an agreed time, and the function is taken into use only
 * after it. While the test window is open the provider's right stands in for the agreement the
 * approval leads to, for clients with test identity codes only (docs/access.md, "The register access right in its
 * deployment test"; docs/workflows.md, "Register access lifecycle").
 *
 * @param organiser  the organiser's organisation OID (the organisation under test, whose register it is)
 * @param provider   the provider's organisation OID (the test's partner)
 * @param windowOpen the test window is open now (the run is {@code OPEN})
 */
public record DeploymentTestWindow(String organiser, String provider, boolean windowOpen) {

    public DeploymentTestWindow {
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(provider, "provider");
    }

    boolean between(String organiser, String provider) {
        return this.organiser.equals(organiser) && this.provider.equals(provider);
    }
}

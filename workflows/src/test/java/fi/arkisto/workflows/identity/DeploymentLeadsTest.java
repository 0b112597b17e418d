package fi.arkisto.workflows.identity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configured deployment leads' organisations are checked when the engine's plugin is built, at start. */
class DeploymentLeadsTest {

    @Test
    void aLeadOfValidOrganisationsIsAccepted() {
        assertThatCode(() -> new ProcessGroups(List.of(lead("lead-1", "1.2.246.10.12345678.10.0",
                "1.2.246.10.87654321.10.0")))).doesNotThrowAnyException();
    }

    @Test
    void anOrganisationThatIsNotAnOidStopsTheStartNamingTheEntry() {
        assertThatThrownBy(() -> new ProcessGroups(List.of(lead("lead-1", "1.2.246.10.12345678.10.0"),
                lead("lead-2", "1.2.246.10.1", "Helsingin kaupunki"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("arkisto.workflows.users[1].organisations[1] of lead-2")
                .hasMessageContaining("'Helsingin kaupunki' is not an organisation OID");
    }

    @Test
    void anOidTooLongForACamundaGroupStopsTheStart() {
        String tooLong = "1.2.246.10.12345678.10." + "1".repeat(DeploymentLeads.MAX_OID_LENGTH);
        assertThatThrownBy(() -> new ProcessGroups(List.of(lead("lead-1", tooLong))))
                .hasMessageContaining("at most " + DeploymentLeads.MAX_OID_LENGTH + " characters");
    }

    @Test
    void organisationsForAUserOutsideTheDeploymentLeadsStopTheStart() {
        ProcessUser operator = new ProcessUser("operator-1", null, null, null, null, List.of("archive-operators"),
                List.of("1.2.246.10.12345678.10.0"));
        assertThatThrownBy(() -> new ProcessGroups(List.of(operator)))
                .hasMessageContaining("arkisto.workflows.users[0] (operator-1) lists organisations but is not in the"
                        + " group deployment-leads");
    }

    @Test
    void anOrganisationsGroupIsNamedByItsOidWithinCamundasLimit() {
        assertThat(DeploymentLeads.groupOf("1.2.246.10.12345678.10.0"))
                .isEqualTo("deployment-leads-1.2.246.10.12345678.10.0");
        assertThat(DeploymentLeads.GROUP_PREFIX.length() + DeploymentLeads.MAX_OID_LENGTH).isEqualTo(64);
    }

    private static ProcessUser lead(String id, String... organisations) {
        return new ProcessUser(id, null, null, null, null, List.of("deployment-leads"), List.of(organisations));
    }
}

package fi.arkisto.store.deploymenttest;

import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.OrganisationId;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What an organisation registers for a deployment test: the functions, the client information system they run on,
 * the planned start date, who leads the deployment and, for the register access right, the partner and its system.
 */
public record TestRunRegistration(OrganisationId organisationId, Set<KantaFunction> functions,
                                  ClientInformationSystem system, LocalDate plannedStart, String deploymentLead,
                                  OrganisationId partnerOrganisationId, ClientInformationSystem partnerSystem) {

    public TestRunRegistration {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(plannedStart, "plannedStart");
        Objects.requireNonNull(deploymentLead, "deploymentLead");
        functions = Set.copyOf(functions);
    }
}

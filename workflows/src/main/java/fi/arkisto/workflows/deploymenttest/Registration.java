package fi.arkisto.workflows.deploymenttest;

import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.OrganisationId;

import java.time.LocalDate;
import java.util.Set;

/**
 * A deployment registration as the organisation gives it (REST or the start form).
 *
 * @param organisationOid the organisation's OID when the registry does not know it yet (the reference data has none)
 * @param businessId      the business id when the registry does not know it yet
 * @param partnerOrganisationId the service provider of a register access right deployment, or null
 */
public record Registration(OrganisationId organisationId, String organisationOid, String businessId,
                           Set<KantaFunction> functions, ClientInformationSystem system, LocalDate plannedStart,
                           String deploymentLead, OrganisationId partnerOrganisationId, ClientInformationSystem partnerSystem) {
}

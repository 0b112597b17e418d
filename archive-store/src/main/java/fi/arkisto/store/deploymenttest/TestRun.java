package fi.arkisto.store.deploymenttest;

import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.OrganisationId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One deployment test (käyttöönottotesti) as kanta.fi describes it: an organisation and its system vendor enter a
 * specified test case, with the test identity codes handed out for it, at a predetermined time; a register access
 * right test involves the service provider as partner, and the service organiser is responsible for it.
 *
 * @param partnerOrganisationId the other party of a register access right test, or null
 * @param attempt               1 for the first scheduled window, one more for every re-test (0 before scheduling)
 * @param identities            the test identity codes handed out for the current attempt
 */
public record TestRun(TestRunId id, OrganisationId organisationId, String organisationOid,
                      OrganisationId partnerOrganisationId, String partnerOrganisationOid, Set<KantaFunction> functions,
                      ClientInformationSystem system, ClientInformationSystem partnerSystem, LocalDate plannedStart,
                      String deploymentLead, TestRunState state, int attempt, Instant windowStart, Instant windowEnd,
                      Instant registeredAt, String note, List<String> identities) {

    public TestRun {
        Objects.requireNonNull(id, "id");
        functions = Set.copyOf(functions);
        identities = List.copyOf(identities);
    }
}

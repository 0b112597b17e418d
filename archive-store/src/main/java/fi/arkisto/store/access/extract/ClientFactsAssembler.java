package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.registeraccess.DeploymentTestWindow;
import fi.arkisto.store.access.registeraccess.ProviderPeriod;
import fi.arkisto.store.access.registeraccess.RegisterAccess;
import fi.arkisto.store.access.registeraccess.RegisterAccessAgreement;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.access.sharing.ClientRelationship;
import fi.arkisto.store.access.sharing.Consent;
import fi.arkisto.store.access.sharing.DisclosureDenial;
import fi.arkisto.store.identity.PersonalIdentityCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts a client's facts together from what the archive holds: the current versions of every client relationship
 * document of the client (each with its controller), the register access agreements of the organisations they name,
 * the register access right deployment tests under way between an organiser and a provider they name, and the
 * client's informing, consents, denials and guardians.
 */
public final class ClientFactsAssembler {

    /** One client relationship document's current version: the register's controller and what it says. */
    public record ClientRelationshipDocument(String controller, ClientRelationshipContent content) {

        public ClientRelationshipDocument {
            Objects.requireNonNull(controller, "controller");
            Objects.requireNonNull(content, "content");
        }
    }

    private final UnitOrganisation units;

    public ClientFactsAssembler(UnitOrganisation units) {
        this.units = Objects.requireNonNull(units, "units");
    }

    /** @param tests the register access right deployment tests under way (any parties: those of the client's periods are kept) */
    public ClientFacts assemble(String clientId, List<ClientRelationshipDocument> clientRelationshipDocuments,
                                List<RegisterAccessAgreement> agreements, List<DeploymentTestWindow> tests,
                                LocalDate informedOn, List<Consent> consents, List<DisclosureDenial> denials,
                                List<String> guardians) {
        boolean nonDisclosure = false;
        List<ClientRelationship> relationships = new ArrayList<>();
        List<ProviderPeriod> periods = new ArrayList<>();
        for (ClientRelationshipDocument document : clientRelationshipDocuments) {
            nonDisclosure |= document.content().nonDisclosure();
            relationships.add(document.content().clientRelationship(document.controller()));
            periods.addAll(document.content().providerPeriods(document.controller(), units));
        }
        LocalDate birthDate = PersonalIdentityCode.isValid(clientId) ? PersonalIdentityCode.of(clientId).birthDate() : null;
        return new ClientFacts(clientId, birthDate, nonDisclosure, informedOn, consents, denials, relationships,
                new RegisterAccess(periods, agreements, testsOf(periods, tests)), guardians);
    }

    private static List<DeploymentTestWindow> testsOf(List<ProviderPeriod> periods, List<DeploymentTestWindow> tests) {
        List<DeploymentTestWindow> kept = new ArrayList<>();
        for (DeploymentTestWindow test : tests) {
            boolean named = periods.stream().anyMatch(period -> test.organiser().equals(period.organiser())
                    && test.provider().equals(period.providerOrganisation()));
            if (named) {
                kept.add(test);
            }
        }
        return kept;
    }
}

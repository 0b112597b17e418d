package fi.arkisto.store.access;

import fi.arkisto.store.access.registeraccess.ProviderPeriod;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who acts for a register's controller, register access rights included (docs/trust.md, "Signer's organisation"): a
 * provider whose unit the organiser's client relationship document of the document's client names
 * ({@code palveluntuottaja}) makes the organiser's documents of that client (kanta.fi, "Register access right of social
 * welfare services": the provider's employee may "record information directly on the service organiser's register"),
 * so its client information system's signature is accepted for the organiser's register. Whether the provider may
 * archive on the day, and what, is the access rules' decision (docs/access.md, "Archiving and nullifying"): a unit
 * still named after its period ended signs acceptably and is refused there with the period's own code.
 * Before the client's facts, every relation of {@code configured} (the controller itself, configured producers).
 */
public final class RegisterAccessActing implements ActingOrganisations {

    private final ActingOrganisations configured;
    private final ClientFactsSource clients;

    public RegisterAccessActing(ActingOrganisations configured, ClientFactsSource clients) {
        this.configured = Objects.requireNonNull(configured, "configured");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public Optional<ActingRelation> relation(String organisation, String controller, Instant at) {
        return configured.relation(organisation, controller, at);
    }

    /**
     * @throws fi.arkisto.store.error.ArchiveException CLIENT_FACTS_UNREADABLE when the client's facts cannot be read
     */
    @Override
    public Optional<ActingRelation> relation(String organisation, String controller, String client, Instant at) {
        Optional<ActingRelation> relation = configured.relation(organisation, controller, at);
        if (relation.isPresent() || organisation == null || controller == null || client == null) {
            return relation;
        }
        List<ProviderPeriod> periods = clients.facts(client).registerAccess().periods();
        for (ProviderPeriod period : periods) {
            if (controller.equals(period.organiser()) && organisation.equals(period.providerOrganisation())) {
                return Optional.of(new ActingRelation(ActingRelation.Kind.REGISTER_ACCESS, "provider " + organisation
                        + " (unit " + period.providerUnit() + ") named in the client relationship document of "
                        + controller + " for the client"));
            }
        }
        return Optional.empty();
    }
}

package fi.arkisto.store.accessrecords;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.extract.ClientFactsAssembler;
import fi.arkisto.store.access.extract.ClientFactsAssembler.ClientRelationshipDocument;
import fi.arkisto.store.access.extract.ClientRelationshipContent;
import fi.arkisto.store.access.extract.ClientRelationshipReader;
import fi.arkisto.store.access.extract.ProviderEntry;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.registeraccess.DeploymentTestWindows;
import fi.arkisto.store.access.registeraccess.RegisterAccessRight;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.access.sharing.ClientRelationship;
import fi.arkisto.store.access.sharing.Consent;
import fi.arkisto.store.access.sharing.DisclosureDenial;
import fi.arkisto.store.document.CurrentStructuredForm;
import fi.arkisto.store.document.DocumentLookup;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Assembles what the access decision knows about one client ({@link ClientFacts}) from what the archive holds: the
 * current, valid version of each of the client's client relationship documents in every register (provider periods,
 * the organisations' client relationships, non-disclosure), the register access agreements of the organisers those
 * documents belong to, the register access right deployment tests under way, and the client's informing, consent and
 * denial records. Guardians have no source yet (the
 * population register is not connected): the facts name none, so no guardian's request is allowed.
 */
public class ClientFactsService implements ClientFactsSource {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final DocumentLookup documents;
    private final RegisterAccessAgreementService agreements;
    private final SharingRecordRepository records;
    private final ClientFactsAssembler assembler;
    private final UnitOrganisation units;
    private final DeploymentTestWindows tests;

    public ClientFactsService(DocumentLookup documents, RegisterAccessAgreementService agreements,
                              DataSource dataSource, UnitOrganisation units, DeploymentTestWindows tests) {
        this.documents = Objects.requireNonNull(documents);
        this.agreements = Objects.requireNonNull(agreements);
        this.tests = Objects.requireNonNull(tests);
        this.records = new SharingRecordRepository(dataSource);
        this.assembler = new ClientFactsAssembler(units);
        this.units = units;
    }

    /**
     * The client's facts, gathered once per request. Not audited: the decision they feed is.
     *
     * @throws ArchiveException CLIENT_FACTS_UNREADABLE when a client relationship document's structured form cannot be
     *                          read (a decision without it could miss a non-disclosure or an ended period)
     */
    @Override
    public ClientFacts facts(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        List<ClientRelationshipDocument> relationships = clientRelationshipDocuments(clientId);
        TreeSet<String> organisers = new TreeSet<>();
        relationships.forEach(document -> organisers.add(document.controller()));
        LocalDate informedOn = null;
        List<Consent> consents = new ArrayList<>();
        List<DisclosureDenial> denials = new ArrayList<>();
        for (SharingRecord record : Storage.call(() -> records.all(clientId))) {
            switch (record.kind()) {
                case INFORMING -> {
                    if (!record.withdrawn() && (informedOn == null || record.validFrom().isBefore(informedOn))) {
                        informedOn = record.validFrom();
                    }
                }
                case CONSENT -> consents.add(record.toConsent());
                case DENIAL -> denials.add(record.toDenial());
            }
        }
        return assembler.assemble(clientId, relationships, agreements.agreementsOf(organisers), tests.current(),
                informedOn, consents, denials, List.of());
    }

    /**
     * Whether the organisation serves the client on the day: its own client relationship with the client is active,
     * or a register access right of it over the client is in effect (an organiser's provider serving the client).
     */
    public static boolean serves(ClientFacts facts, String organisation, LocalDate day) {
        return servingBasis(facts, organisation, day) != null;
    }

    /** On what the organisation serves the client on the day, as the audit records it; null when it does not. */
    public static String servingBasis(ClientFacts facts, String organisation, LocalDate day) {
        if (ClientRelationship.anyActive(facts.clientRelationships(), organisation, day)) {
            return "its own active client relationship";
        }
        for (RegisterAccessRight right : facts.registerAccess().rights()) {
            if (right.provider().equals(organisation) && right.inEffectOn(day)) {
                return "a register access right in the register of " + right.organiser() + ", service task "
                        + right.serviceTask();
            }
        }
        return null;
    }

    /**
     * How many clients the organiser's client relationship documents place with the provider on the day or later: the
     * current, valid version of each client relationship document in the organiser's register that names, in a
     * {@code palveluntuottaja} entry not ended before the day, a unit belonging to the provider. Each of those clients'
     * register access right comes from that entry; an agreement between the two only enables it. Not audited: a count
     * that names no client.
     *
     * @throws ArchiveException CLIENT_FACTS_UNREADABLE when a client relationship document's structured form cannot be read
     */
    public int clientsPlacedWithProvider(String organiser, String provider, LocalDate day) {
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(day, "day");
        TreeSet<String> clients = new TreeSet<>();
        for (CurrentStructuredForm current : documents.currentOfControllerGroup(organiser,
                DocumentGroup.CLIENT_RELATIONSHIP.code())) {
            ClientRelationshipContent content = content(current);
            if (content == null) {
                continue;
            }
            for (ProviderEntry entry : content.providers()) {
                if (provider.equals(units.organisationOf(entry.unitOid()))
                        && (entry.end() == null || !entry.end().isBefore(day))) {
                    clients.add(content.clientId() == null ? current.document().metadata().clientId() : content.clientId());
                    break;
                }
            }
        }
        return clients.size();
    }

    private static ClientRelationshipContent content(CurrentStructuredForm current) {
        if (current.structuredForm() == null || current.structuredForm().length == 0) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(current.structuredForm());
            return ClientRelationshipReader.isClientRelationshipDocument(json) ? ClientRelationshipReader.read(json) : null;
        } catch (IOException | IllegalArgumentException e) {
            throw new ArchiveException(ErrorCode.CLIENT_FACTS_UNREADABLE, "Client relationship document "
                    + current.document().oid() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private List<ClientRelationshipDocument> clientRelationshipDocuments(String clientId) {
        List<ClientRelationshipDocument> result = new ArrayList<>();
        for (CurrentStructuredForm current : documents.currentOfClientGroup(clientId,
                DocumentGroup.CLIENT_RELATIONSHIP.code())) {
            // a client relationship document without a structured form states no facts
            ClientRelationshipContent content = content(current);
            if (content != null) {
                result.add(new ClientRelationshipDocument(current.controller(), content));
            }
        }
        return result;
    }
}

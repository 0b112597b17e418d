package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.request.AccessRequest;

import java.util.Objects;

/**
 * The one access decision (docs/access.md, "One decision"): given a request, the document's facts and the facts of the
 * client the request is about, whether the read or write is allowed, on what basis, how the document pertains to
 * the client and what may be disclosed. Pure: no I/O, no clock, no allocation; it runs once per document of a
 * client list.
 *
 * <p>A professional's request is decided by whose register the document is in and by its use context: the
 * controller's own register ({@link OwnRegisterDecision}); another controller's register under a register access
 * right ({@link RegisterAccessDecision}, use contexts of {@code arkisto.access.use-contexts.register-access}); or a
 * disclosure to another controller ({@link SharingDecision}, use contexts of
 * {@code arkisto.access.use-contexts.sharing}). After a controller change the register's controller is the new one
 * ({@link DocumentFacts#controller()}); its former controller's own use is refused. A citizen's request is decided by the citizen's view
 * ({@link CitizenViewDecision}).
 */
public final class AccessRules {

    private final AccessProperties properties;
    private final OwnRegisterDecision ownRegister;
    private final RegisterAccessDecision registerAccess;
    private final SharingDecision sharing;
    private final CitizenViewDecision citizenView;

    public AccessRules(AccessProperties properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.ownRegister = new OwnRegisterDecision(properties);
        this.registerAccess = new RegisterAccessDecision(properties);
        this.sharing = new SharingDecision(properties);
        this.citizenView = new CitizenViewDecision(properties);
    }

    public AccessProperties properties() {
        return properties;
    }

    /**
     * Whether {@link #decide} of this write can depend on the client's facts, so that a caller gathers them (reading
     * the client's client relationship documents) only when they matter: a write into the acting organisation's own
     * register consults them only for non-disclosure, which only a document carrying location data can meet
     * ({@link NonDisclosureChecks}). Every other request needs them.
     */
    public boolean needsClientFacts(AccessRequest request, DocumentFacts document) {
        boolean ownRegister = request.actingOrganisation() != null
                && request.actingOrganisation().equals(document.controller());
        return !(request.kind().write() && ownRegister && !document.locationData());
    }

    /**
     * @param request  who asks for what
     * @param document the document version's facts
     * @param client   facts of the client the request is about; for a read by document identifier, the document's client
     */
    public AccessVerdict decide(AccessRequest request, DocumentFacts document, ClientFacts client) {
        if (!request.kind().professional()) {
            return citizenView.decide(request, document, client);
        }
        String organisation = request.actingOrganisation();
        if (organisation == null || organisation.isBlank()) {
            return AccessVerdict.deny(DenialReason.ACTING_ORGANISATION_MISSING);
        }
        String controller = document.controller();
        if (controller == null || controller.isBlank()) {
            return AccessVerdict.deny(DenialReason.REGISTER_CONTROLLER_UNKNOWN);
        }
        boolean periodApplies = !properties.mutualCases().professionalsSeeWholeCase();
        if (organisation.equals(document.formerController()) && !organisation.equals(controller)
                && properties.useContexts().ownRegister().contains(request.useContext())) {
            // management of and access to the register passed to the new controller (kanta.fi, "Controller
            // changes": the new controller then uses the data as its own); the former one may still ask as any
            // other controller would, under sharing or a register access right
            return AccessVerdict.deny(DenialReason.REGISTER_CONTROLLER_CHANGED);
        }
        if (organisation.equals(controller)) {
            return ownRegister.decide(request, document, client,
                    Pertinence.of(request.subjectClient(), document, periodApplies));
        }
        // Another controller's document is always reached through a client: the one asked about, or its own.
        String subject = request.subjectClient() != null ? request.subjectClient() : document.clientId();
        Pertinence pertinence = Pertinence.of(subject, document, periodApplies);
        String useContext = request.useContext();
        AccessProperties.UseContexts useContexts = properties.useContexts();
        if (useContext != null && useContexts.registerAccess().contains(useContext)) {
            return registerAccess.decide(request, document, client, pertinence);
        }
        if (useContext != null && useContexts.sharing().contains(useContext)) {
            return sharing.decide(request, document, client, pertinence);
        }
        return AccessVerdict.deny(DenialReason.USE_CONTEXT_UNKNOWN);
    }
}

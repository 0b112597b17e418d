package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.request.AccessRequest;

/**
 * The controller's own use of its register (kanta.fi, "Client data archive for social welfare services": stage 1
 * "archiving of client data; retrieving client data from the archive for the controller's own use"). Denials of
 * disclosure do not apply inside one register; non-disclosure does.
 */
final class OwnRegisterDecision {

    private final AccessProperties.UseContexts useContexts;

    OwnRegisterDecision(AccessProperties properties) {
        this.useContexts = properties.useContexts();
    }

    AccessVerdict decide(AccessRequest request, DocumentFacts document, ClientFacts client, Pertinence pertinence) {
        String useContext = request.useContext();
        if (useContext == null || !useContexts.ownRegister().contains(useContext)) {
            return AccessVerdict.deny(useContexts.known(useContext)
                    ? DenialReason.USE_CONTEXT_NOT_FOR_OWN_REGISTER : DenialReason.USE_CONTEXT_UNKNOWN);
        }
        if (pertinence.denied()) {
            return AccessVerdict.deny(pertinence.denial);
        }
        DenialReason refused = switch (request.kind()) {
            case PROFESSIONAL_ARCHIVE -> NonDisclosureChecks.archiving(request, document, client);
            case PROFESSIONAL_READ -> NonDisclosureChecks.ownRead(request, document, client);
            default -> null;
        };
        if (refused != null) {
            return AccessVerdict.deny(refused);
        }
        return AccessVerdict.allow(AccessBasis.OWN_REGISTER, pertinence.relation,
                request.kind().write() ? Disclosure.FULL
                        : NonDisclosureChecks.own(request, document, client));
    }
}

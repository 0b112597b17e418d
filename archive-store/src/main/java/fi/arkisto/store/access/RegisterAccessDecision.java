package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.registeraccess.RightStatus;
import fi.arkisto.store.access.request.AccessRequest;

import java.time.LocalDate;
import java.util.Set;

/**
 * A provider using the organiser's register (kanta.fi, "Register access right of social welfare services"): while
 * the right is in effect the provider's employee may "search for and view information in the service organiser's
 * register to which they have the right of access" and "record information directly on the service organiser's
 * register"; after it ends "the client data stored by the service provider in Kanta will only be available to the
 * service organiser". The extensive right lets the provider manage "the client relationship, case and document
 * management tasks for which the service organiser is responsible". Denials of disclosure never block an organiser
 * and its provider; non-disclosure does: the protected location data never reaches the provider. Before the
 * agreement, an open deployment test window of the two may stand in for it ({@link DeploymentTestRight}).
 */
final class RegisterAccessDecision {

    private final AccessProperties.RegisterAccessRules rules;

    RegisterAccessDecision(AccessProperties properties) {
        this.rules = properties.registerAccess();
    }

    AccessVerdict decide(AccessRequest request, DocumentFacts document, ClientFacts client, Pertinence pertinence) {
        if (pertinence.denied()) {
            return AccessVerdict.deny(pertinence.denial);
        }
        String provider = request.actingOrganisation();
        RightStatus status = client.registerAccess().status(document.controller(), provider, document.serviceTask(),
                request.on());
        boolean extensive = status == RightStatus.IN_EFFECT_EXTENSIVE;
        AccessBasis basis = extensive ? AccessBasis.EXTENSIVE_REGISTER_ACCESS_RIGHT : AccessBasis.REGISTER_ACCESS_RIGHT;
        if (!status.inEffect()) {
            DenialReason refused = DeploymentTestRight.refusal(status, provider, document, client);
            if (refused != null) {
                return AccessVerdict.deny(refused);
            }
            basis = AccessBasis.DEPLOYMENT_TEST_REGISTER_ACCESS;
        }
        if (request.kind().write()) {
            DenialReason refused = writing(request, document, client, extensive);
            return refused != null ? AccessVerdict.deny(refused)
                    : AccessVerdict.allow(basis, pertinence.relation, Disclosure.FULL);
        }
        if (!rules.documentsBeforeStart()) {
            LocalDate start = client.registerAccess().periodStart(document.controller(), provider,
                    document.serviceTask(), request.on());
            if (start != null && document.date().isBefore(start)) {
                return AccessVerdict.deny(DenialReason.REGISTER_ACCESS_DOCUMENT_BEFORE_PERIOD);
            }
        }
        return AccessVerdict.allow(basis, pertinence.relation, NonDisclosureChecks.otherOrganisation(document, client));
    }

    private DenialReason writing(AccessRequest request, DocumentFacts document, ClientFacts client, boolean extensive) {
        Set<DocumentGroup> allowed = extensive ? rules.extensiveArchivableGroups() : rules.archivableGroups();
        if (!allowed.contains(document.group())) {
            return !extensive && rules.extensiveArchivableGroups().contains(document.group())
                    ? DenialReason.EXTENSIVE_REGISTER_ACCESS_RIGHT_REQUIRED
                    : DenialReason.DOCUMENT_GROUP_NOT_ARCHIVABLE_BY_PROVIDER;
        }
        if (!request.actingOrganisation().equals(document.authorOrganisation())) {
            return DenialReason.AUTHOR_ORGANISATION_NOT_PROVIDER;
        }
        // the organiser's versions, and another provider's, stay as their archivers left them
        if (document.replacedArchivedBy() != null && !request.actingOrganisation().equals(document.replacedArchivedBy())) {
            return DenialReason.REPLACED_VERSION_NOT_BY_PROVIDER;
        }
        return switch (request.kind()) {
            case PROFESSIONAL_ARCHIVE -> NonDisclosureChecks.archiving(request, document, client);
            default -> null;
        };
    }

    static DenialReason denial(RightStatus status) {
        return switch (status) {
            case NO_PROVIDER_PERIOD -> DenialReason.NO_ACCESS_TO_REGISTER;
            case OTHER_SERVICE_TASK -> DenialReason.REGISTER_ACCESS_OTHER_SERVICE_TASK;
            case NOT_STARTED -> DenialReason.REGISTER_ACCESS_RIGHT_NOT_STARTED;
            case ENDED -> DenialReason.REGISTER_ACCESS_RIGHT_ENDED;
            case AGREEMENT_MISSING -> DenialReason.REGISTER_ACCESS_AGREEMENT_MISSING;
            case AGREEMENT_OTHER_SERVICE_TASK -> DenialReason.REGISTER_ACCESS_AGREEMENT_OTHER_SERVICE_TASK;
            case AGREEMENT_ENDED -> DenialReason.REGISTER_ACCESS_AGREEMENT_ENDED;
            case IN_EFFECT, IN_EFFECT_EXTENSIVE -> throw new IllegalArgumentException("in effect: " + status);
        };
    }
}

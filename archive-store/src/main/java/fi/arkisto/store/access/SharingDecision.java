package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.request.AccessRequest;
import fi.arkisto.store.access.request.RequestKind;
import fi.arkisto.store.access.sharing.ClientRelationship;
import fi.arkisto.store.access.sharing.Consent;
import fi.arkisto.store.access.sharing.DisclosureDenial;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A disclosure to another controller (kanta.fi, functionalities required by the obligation to join, and
 * "Sosiaalipalvelujen asiakastietojen luovutuskielto"): the client informed about the archive, a valid consent for
 * social welfare data, an active client relationship of the requesting organisation, and a use context for sharing.
 * Denials exclude what they name, except between an organiser and its provider; a statutory right to information
 * overrides missing consent and denials. Old, stage-1 and denied documents are reached only by a broad search with
 * a justification code of 1.2.246.537.6.1299.
 */
final class SharingDecision {

    private final Set<String> justifications;

    SharingDecision(AccessProperties properties) {
        this.justifications = properties.broadSearch().justifications();
    }

    AccessVerdict decide(AccessRequest request, DocumentFacts document, ClientFacts client, Pertinence pertinence) {
        if (request.kind() != RequestKind.PROFESSIONAL_READ && request.kind() != RequestKind.PROFESSIONAL_SEARCH) {
            return AccessVerdict.deny(DenialReason.SHARING_ONLY_FOR_READS);
        }
        if (pertinence.denied()) {
            return AccessVerdict.deny(pertinence.denial);
        }
        LocalDate on = request.on();
        boolean statutory = request.rights().statutoryRight();
        if (!statutory) {
            if (!client.informedBy(on)) {
                return AccessVerdict.deny(DenialReason.CLIENT_NOT_INFORMED);
            }
            if (!Consent.anyValid(client.consents(), on)) {
                return AccessVerdict.deny(DenialReason.NO_VALID_CONSENT);
            }
        }
        if (!ClientRelationship.anyActive(client.clientRelationships(), request.actingOrganisation(), on)) {
            return AccessVerdict.deny(DenialReason.NO_ACTIVE_CLIENT_RELATIONSHIP);
        }
        String justification = request.broadSearchJustification();
        boolean broad = justification != null;
        if (broad && !justifications.contains(justification)) {
            return AccessVerdict.deny(DenialReason.BROAD_SEARCH_JUSTIFICATION_UNKNOWN);
        }
        boolean reachedByBroadSearch = false;
        if (document.group() == DocumentGroup.OLD) {
            if (!broad) {
                return AccessVerdict.deny(DenialReason.OLD_DOCUMENT_NEEDS_BROAD_SEARCH);
            }
            reachedByBroadSearch = true;
        }
        if (document.stageOne()) {
            if (!broad) {
                return AccessVerdict.deny(DenialReason.STAGE_ONE_DOCUMENT_NEEDS_BROAD_SEARCH);
            }
            reachedByBroadSearch = true;
        }
        if (!statutory && !client.registerAccess().organiserAndProvider(document.controller(),
                request.actingOrganisation(), on)) {
            DenialReason denied = denied(client.denials(), document, on);
            if (denied != null) {
                if (!broad) {
                    return AccessVerdict.deny(denied);
                }
                reachedByBroadSearch = true;
            }
        }
        AccessBasis basis = reachedByBroadSearch ? AccessBasis.BROAD_SEARCH
                : statutory ? AccessBasis.STATUTORY_RIGHT : AccessBasis.SHARING_WITH_CONSENT;
        return AccessVerdict.allow(basis, pertinence.relation, NonDisclosureChecks.otherOrganisation(document, client));
    }

    /** The first denial in effect that names the document, its service task or its controller (current or original). */
    static DenialReason denied(List<DisclosureDenial> denials, DocumentFacts document, LocalDate on) {
        for (int i = 0; i < denials.size(); i++) {
            DisclosureDenial denial = denials.get(i);
            if (!denial.inEffectOn(on)) {
                continue;
            }
            String value = denial.value();
            switch (denial.target()) {
                case DOCUMENT -> {
                    if (value.equals(document.setId()) || value.equals(document.documentOid())) {
                        return DenialReason.DISCLOSURE_DENIED_DOCUMENT;
                    }
                }
                case SERVICE_TASK -> {
                    if (value.equals(document.serviceTask())) {
                        return DenialReason.DISCLOSURE_DENIED_SERVICE_TASK;
                    }
                }
                case CONTROLLER -> {
                    if (value.equals(document.controller()) || value.equals(document.originalCustodian())) {
                        return DenialReason.DISCLOSURE_DENIED_CONTROLLER;
                    }
                }
            }
        }
        return null;
    }
}

package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.facts.RestrictionKind;
import fi.arkisto.store.access.request.AccessRequest;

/**
 * What MyKanta shows a citizen (kanta.fi, "Client data archive for social welfare services": "Old documents and
 * documents in stage 1 will not be shown"; "Phase 2 functionalities": mutual-case data "for the period when they were
 * an interested party"; the wellbeing services counties' MyKanta notices: shelter services, prevention of
 * intimate-partner violence and payment commitments are not shown, and a professional may restrict showing a
 * document). A guardian may view a minor's documents on the minor's behalf (kanta.fi, "Alaikäisen puolesta
 * asiointi"), never when the minor is under non-disclosure (suomi.fi, "Milloin asiointi lapsen puolesta ei ole
 * mahdollista"), and not what the minor has refused to disclose to the guardians (code system
 * 1.2.246.537.6.1286.201901; Act 703/2023).
 */
final class CitizenViewDecision {

    private final AccessProperties.CitizenView hidden;
    private final AccessProperties.Guardian guardian;

    CitizenViewDecision(AccessProperties properties) {
        this.hidden = properties.citizen();
        this.guardian = properties.guardian();
    }

    AccessVerdict decide(AccessRequest request, DocumentFacts document, ClientFacts client) {
        String subject = request.citizenSubject();
        boolean onBehalf = request.onBehalfOfAnother();
        if (onBehalf) {
            DenialReason refused = guardianship(request, client);
            if (refused != null) {
                return AccessVerdict.deny(refused);
            }
        }
        Pertinence pertinence = Pertinence.of(subject, document, true);
        if (pertinence.denied()) {
            return AccessVerdict.deny(pertinence.denial);
        }
        DenialReason refused = shown(document, subject);
        if (refused == null && onBehalf) {
            refused = minorsDisclosure(document, client);
        }
        if (refused != null) {
            return AccessVerdict.deny(refused);
        }
        return AccessVerdict.allow(onBehalf ? AccessBasis.GUARDIAN : AccessBasis.CITIZEN_OWN, pertinence.relation,
                Disclosure.FULL);
    }

    private static DenialReason guardianship(AccessRequest request, ClientFacts client) {
        if (!client.hasGuardian(request.userId())) {
            return DenialReason.GUARDIANSHIP_NOT_VERIFIED;
        }
        if (!client.minorOn(request.on())) {
            return DenialReason.GUARDIAN_CLIENT_NOT_A_MINOR;
        }
        return client.nonDisclosure() ? DenialReason.GUARDIAN_BLOCKED_BY_NON_DISCLOSURE : null;
    }

    private DenialReason shown(DocumentFacts document, String subject) {
        if (document.group() == DocumentGroup.OLD) {
            return DenialReason.CITIZEN_OLD_DOCUMENT;
        }
        if (document.stageOne()) {
            return DenialReason.CITIZEN_STAGE_ONE_DOCUMENT;
        }
        DenialReason restricted = restriction(document.ownRestriction());
        if (restricted == null) {
            restricted = restriction(document.currentRestriction());
        }
        if (restricted != null) {
            return restricted;
        }
        String controller = document.controller();
        String task = document.serviceTask();
        String general = document.generalType();
        String specific = document.specificType();
        if (hidden.shelterServices().matches(controller, task, general, specific)) {
            return DenialReason.CITIZEN_SHELTER_SERVICE;
        }
        if (hidden.intimatePartnerViolence().matches(controller, task, general, specific)) {
            return DenialReason.CITIZEN_INTIMATE_PARTNER_VIOLENCE;
        }
        if (hidden.paymentCommitments().matches(controller, task, general, specific)) {
            return DenialReason.CITIZEN_PAYMENT_COMMITMENT;
        }
        if (document.locationData() && document.mutualCase() != null
                && document.mutualCase().otherPartyUnderNonDisclosure(subject)) {
            return DenialReason.CITIZEN_OTHER_PARTY_NON_DISCLOSURE;
        }
        return null;
    }

    private static DenialReason restriction(RestrictionKind kind) {
        return switch (kind) {
            case NONE -> null;
            case INACCESSIBLE -> DenialReason.CITIZEN_INACCESSIBLE_ARGUMENT;
            case AUTHORIZATION_RESTRICTION -> DenialReason.CITIZEN_AUTHORIZATION_RESTRICTION;
        };
    }

    private DenialReason minorsDisclosure(DocumentFacts document, ClientFacts client) {
        String code = document.minorDisclosureCode();
        if (code != null) {
            return guardian.allowingCodes().contains(code) ? null : DenialReason.MINOR_REFUSED_DISCLOSURE_TO_GUARDIAN;
        }
        int ageThen = client.ageOn(document.date());
        return ageThen >= 0 && ageThen < guardian.assumeAllowedBelowAge() ? null
                : DenialReason.MINOR_DISCLOSURE_NOT_RECORDED;
    }
}

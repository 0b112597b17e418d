package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Relation;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.mutualcase.MutualCase;

/**
 * How a document pertains to the client a request is about: as the document's own client, as a party of the mutual
 * case it is attached to (for the party's period), or not at all.
 */
enum Pertinence {
    REGISTER(Relation.REGISTER, null),
    OWN_CLIENT(Relation.OWN_CLIENT, null),
    MUTUAL_CASE_PARTY(Relation.MUTUAL_CASE_PARTY, null),
    NOT_THE_CLIENTS(null, DenialReason.NOT_THE_CLIENTS_DOCUMENT),
    BEFORE_JOINING(null, DenialReason.MUTUAL_CASE_BEFORE_PARTY_JOINED),
    AFTER_LEAVING(null, DenialReason.MUTUAL_CASE_AFTER_PARTY_LEFT);

    final Relation relation;
    final DenialReason denial;

    Pertinence(Relation relation, DenialReason denial) {
        this.relation = relation;
        this.denial = denial;
    }

    boolean denied() {
        return denial != null;
    }

    /**
     * @param subject        the client asked about, or null for a read by document identifier
     * @param periodApplies  whether a mutual case's document pertains to a party only for the party's period
     */
    static Pertinence of(String subject, DocumentFacts document, boolean periodApplies) {
        if (subject == null) {
            return REGISTER;
        }
        if (subject.equals(document.clientId())) {
            return OWN_CLIENT;
        }
        MutualCase mutualCase = document.mutualCase();
        if (mutualCase == null) {
            return NOT_THE_CLIENTS;
        }
        return switch (mutualCase.statusOf(subject, document.date())) {
            case IN_PERIOD -> MUTUAL_CASE_PARTY;
            case NOT_A_PARTY -> NOT_THE_CLIENTS;
            case BEFORE_JOINING -> periodApplies ? BEFORE_JOINING : MUTUAL_CASE_PARTY;
            case AFTER_LEAVING -> periodApplies ? AFTER_LEAVING : MUTUAL_CASE_PARTY;
        };
    }
}

package fi.arkisto.store.access.mutualcase;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A mutual case (yhteinen asia): a case whose topic document names several clients as parties, each for a period.
 * Documents attached to the case ({@code componentOf/encompassingEncounter/id} = the case) pertain to every party,
 * and a client sees them only for the period they were a party (kanta.fi, "Phase 2 functionalities in social welfare
 * services": "The client will be able to view the data related to a mutual case in MyKanta for the period when they
 * were an interested party"). Parties join and leave by new versions of the topic document; its current version
 * governs. {@code docs/access.md} ("Mutual cases") describes the model and why it was chosen.
 *
 * @param caseId    the case's identifier (the topic document's {@code componentOf/encompassingEncounter/id})
 * @param organiser the controller of the topic document's register
 * @param parties   every membership period, the topic document's client included
 */
public record MutualCase(String caseId, String organiser, List<CaseParty> parties) {

    public MutualCase {
        Objects.requireNonNull(caseId, "caseId");
        parties = List.copyOf(parties);
    }

    /** Where the day falls for the client: in one of their periods, before the first, after the last, or never a party. */
    public PartyStatus statusOf(String clientId, LocalDate day) {
        boolean party = false;
        boolean before = true;
        for (int i = 0; i < parties.size(); i++) {
            CaseParty p = parties.get(i);
            if (!p.clientId().equals(clientId)) {
                continue;
            }
            party = true;
            if (p.contains(day)) {
                return PartyStatus.IN_PERIOD;
            }
            if (!day.isBefore(p.from())) {
                before = false;
            }
        }
        if (!party) {
            return PartyStatus.NOT_A_PARTY;
        }
        return before ? PartyStatus.BEFORE_JOINING : PartyStatus.AFTER_LEAVING;
    }

    /** Whether a party other than the given client is under non-disclosure for safety reasons. */
    public boolean otherPartyUnderNonDisclosure(String clientId) {
        for (int i = 0; i < parties.size(); i++) {
            CaseParty p = parties.get(i);
            if (p.nonDisclosure() && !p.clientId().equals(clientId)) {
                return true;
            }
        }
        return false;
    }

    public boolean anyPartyUnderNonDisclosure() {
        for (int i = 0; i < parties.size(); i++) {
            if (parties.get(i).nonDisclosure()) {
                return true;
            }
        }
        return false;
    }
}

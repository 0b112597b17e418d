package fi.arkisto.store.access.facts;

import fi.arkisto.store.access.registeraccess.RegisterAccess;
import fi.arkisto.store.access.sharing.ClientRelationship;
import fi.arkisto.store.access.sharing.Consent;
import fi.arkisto.store.access.sharing.DisclosureDenial;

import java.time.LocalDate;
import java.util.List;

/**
 * What the access decision knows about the client a request is about; gathered once per request, then used for
 * every document of the client.
 *
 * @param clientId            the client's personal identity code
 * @param birthDate           from the identity code; decides whether the client is a minor
 * @param nonDisclosure       the current version of an organiser's client relationship document of the client
 *                            declares {@code asiakas.turvakielto: true}
 * @param informedOn          the day the client was informed about the archive (informing record), or null
 * @param consents            consents to disclosure, withdrawn ones included
 * @param denials             denials of disclosure, withdrawn ones included
 * @param clientRelationships organisations' own client relationships with the client
 * @param registerAccess      provider periods of organisers' client relationship documents and the agreements
 * @param guardians           personal identity codes of the client's guardians as the population register has them
 */
public record ClientFacts(String clientId, LocalDate birthDate, boolean nonDisclosure, LocalDate informedOn,
                          List<Consent> consents, List<DisclosureDenial> denials,
                          List<ClientRelationship> clientRelationships, RegisterAccess registerAccess,
                          List<String> guardians) {

    public ClientFacts {
        consents = consents == null ? List.of() : List.copyOf(consents);
        denials = denials == null ? List.of() : List.copyOf(denials);
        clientRelationships = clientRelationships == null ? List.of() : List.copyOf(clientRelationships);
        registerAccess = registerAccess == null ? RegisterAccess.NONE : registerAccess;
        guardians = guardians == null ? List.of() : List.copyOf(guardians);
    }

    /** Nothing known of the client: no informing, consents, relationships or rights. */
    public static ClientFacts unknown(String clientId) {
        return new ClientFacts(clientId, null, false, null, null, null, null, null, null);
    }

    public boolean informedBy(LocalDate day) {
        return informedOn != null && !informedOn.isAfter(day);
    }

    public boolean minorOn(LocalDate day) {
        return birthDate != null && ageOn(day) < 18;
    }

    /** Age in whole years on the day, or -1 when the birth date is unknown. */
    public int ageOn(LocalDate day) {
        if (birthDate == null) {
            return -1;
        }
        int age = day.getYear() - birthDate.getYear();
        if (day.getMonthValue() < birthDate.getMonthValue()
                || (day.getMonthValue() == birthDate.getMonthValue() && day.getDayOfMonth() < birthDate.getDayOfMonth())) {
            age--;
        }
        return age;
    }

    /**
     * The same facts with one more guardian: one the population register shows, as vouched for by whoever verified
     * it (the citizen's token issuer, docs/access.md "A guardian on a minor's behalf").
     */
    public ClientFacts withGuardian(String personalIdentityCode) {
        if (hasGuardian(personalIdentityCode)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(guardians);
        more.add(personalIdentityCode);
        return new ClientFacts(clientId, birthDate, nonDisclosure, informedOn, consents, denials, clientRelationships,
                registerAccess, more);
    }

    public boolean hasGuardian(String personalIdentityCode) {
        for (int i = 0; i < guardians.size(); i++) {
            if (guardians.get(i).equals(personalIdentityCode)) {
                return true;
            }
        }
        return false;
    }
}

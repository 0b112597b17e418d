package fi.arkisto.store.accessrecords;

import fi.arkisto.store.actor.RequestAssertions;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.KantaSamples;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;

/** Organisations and client relationship documents of their own for each test, so that no test sees another's. */
final class AccessRecordsFixtures {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));

    private AccessRecordsFixtures() {
    }

    /** A fresh organisation OID {@code 1.2.246.10.<business id>.10.0} no other test uses. */
    static String newOrganisation() {
        return "1.2.246.10." + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)) + ".10.0";
    }

    /** A unit of the organisation, {@code 1.2.246.10.<business id>.10.<n>}. */
    static String unitOf(String organisation, int n) {
        return organisation.substring(0, organisation.length() - 1) + n;
    }

    static RequestContext actingFor(String organisation) {
        return new RequestContext(Oid.of(organisation), "sosiaalityontekija-7", "1");
    }

    /**
     * A professional of the organisation whose client system asserts the right to process data under non-disclosure
     * for safety reasons: archiving a protected client's client relationship document needs it (docs/access.md).
     */
    static RequestContext withNonDisclosureRight(String organisation) {
        return new RequestContext(Oid.of(organisation), "sosiaalityontekija-7", "1",
                new RequestAssertions(null, true, null));
    }

    /**
     * Archives a client relationship document of the organiser for the client: its own relationship from
     * {@code start} to {@code end} (null: goes on) in service task 24, and the provider entries given.
     *
     * @return the document's OID
     */
    static String clientRelationship(ArchivingService archiving, String organiser, String client, LocalDate start,
                                     LocalDate end, boolean nonDisclosure, Provider... providers) {
        KantaSamples.Builder document = KantaSamples.document().client(client).controller(organiser)
                .structuredForm(form -> {
                    ClientRelationshipForms.relationship(form, start, end);
                    ClientRelationshipForms.providers(form, "24", providers);
                    ClientRelationshipForms.nonDisclosure(form, nonDisclosure);
                });
        archiving.archive(document.build(), nonDisclosure ? withNonDisclosureRight(organiser) : actingFor(organiser));
        return document.oidValue();
    }
}

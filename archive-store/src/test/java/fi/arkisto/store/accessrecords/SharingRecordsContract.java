package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.sharing.DenialTarget;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.KantaSamples;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;

import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.TODAY;
import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.actingFor;
import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.clientRelationship;
import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.newOrganisation;
import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.unitOf;
import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.withNonDisclosureRight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's informing, consent and denial records: who may keep them, their history, their facts, their audit. */
abstract class SharingRecordsContract {

    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);

    @Autowired
    ArchivingService archiving;
    @Autowired
    SharingRecordService records;
    @Autowired
    RegisterAccessAgreementService agreements;
    @Autowired
    ClientFactsService facts;
    @Autowired
    AuditLog audit;

    @Test
    void theOrganisationServingTheClientRecordsEveryKindAndAWithdrawalStaysInTheHistory() {
        // given a client in an active client relationship with the organiser
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        clientRelationship(archiving, organiser, client, JANUARY, null, false);
        RequestContext context = actingFor(organiser);

        // when the organiser records informing, a consent and a denial of a service task
        SharingRecord informing = records.record(client, NewSharingRecord.informing(LocalDate.of(2026, 2, 1),
                "Kerrottu tapaamisessa"), context);
        SharingRecord consent = records.record(client, NewSharingRecord.consent(null, null, null), context);
        SharingRecord denial = records.record(client, NewSharingRecord.denial(DenialTarget.SERVICE_TASK, "25",
                TODAY, TODAY.plusYears(1), null), context);

        // then each is kept with who recorded it, and the client's facts say so
        assertThat(records.history(client, SharingRecordKind.CONSENT, context)).containsExactly(consent);
        assertThat(consent.validFrom()).isEqualTo(TODAY);
        assertThat(consent.recorded().organisation()).isEqualTo(organiser);
        assertThat(consent.recorded().userId()).isEqualTo("sosiaalityontekija-7");
        assertThat(records.history(client, SharingRecordKind.DENIAL, context)).singleElement().satisfies(d -> {
            assertThat(d.target()).isEqualTo(DenialTarget.SERVICE_TASK);
            assertThat(d.targetValue()).isEqualTo("25");
            assertThat(d.validUntil()).isEqualTo(TODAY.plusYears(1));
        });
        ClientFacts before = facts.facts(client);
        assertThat(before.informedOn()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(before.consents()).singleElement().satisfies(c -> assertThat(c.validOn(TODAY)).isTrue());
        assertThat(before.denials()).singleElement().satisfies(d -> assertThat(d.inEffectOn(TODAY)).isTrue());

        // when the consent is withdrawn
        SharingRecord withdrawn = records.withdraw(client, SharingRecordKind.CONSENT, consent.id(), "Asiakas perui",
                context);

        // then it is still in the history, stamped, and no longer valid from today
        assertThat(records.history(client, SharingRecordKind.CONSENT, context)).containsExactly(withdrawn);
        assertThat(withdrawn.withdrawal().from()).isEqualTo(TODAY);
        assertThat(withdrawn.withdrawal().reason()).isEqualTo("Asiakas perui");
        assertThat(withdrawn.withdrawal().stamp().organisation()).isEqualTo(organiser);
        assertThat(withdrawn.validFrom()).isEqualTo(consent.validFrom());
        assertThat(facts.facts(client).consents()).singleElement().satisfies(c -> {
            assertThat(c.withdrawnOn()).isEqualTo(TODAY);
            assertThat(c.validOn(TODAY)).isFalse();
        });

        // and every change and read is in the audit log with who, what and the outcome
        assertThat(audit.eventsForClient(client)).extracting(AuditEvent::operation, AuditEvent::outcome,
                AuditEvent::organisation).containsExactly(
                Tuple.tuple("ARCHIVE", "SUCCESS", organiser),
                Tuple.tuple("RECORD_INFORMING", "SUCCESS", organiser),
                Tuple.tuple("RECORD_CONSENT", "SUCCESS", organiser),
                Tuple.tuple("RECORD_DENIAL", "SUCCESS", organiser),
                Tuple.tuple("READ_CONSENTS", "SUCCESS", organiser),
                Tuple.tuple("READ_DENIALS", "SUCCESS", organiser),
                Tuple.tuple("WITHDRAW_CONSENT", "SUCCESS", organiser),
                Tuple.tuple("READ_CONSENTS", "SUCCESS", organiser));
        assertThat(audit.eventsForClient(client).get(2).detail()).contains(consent.id().toString())
                .endsWith("serving the client on its own active client relationship");
        assertThat(informing.description()).isEqualTo("Kerrottu tapaamisessa");
    }

    @Test
    void anOrganisationNotServingTheClientIsRefusedAuditedAndChangesNothing() {
        // given a client served by one organiser, and one whose relationship with another ended yesterday
        String organiser = newOrganisation();
        String stranger = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        clientRelationship(archiving, organiser, client, JANUARY, null, false);
        clientRelationship(archiving, stranger, client, JANUARY, TODAY.minusDays(1), false);

        // when / then: the organisation whose relationship ended, and one in a sharing use context, are refused
        assertRefused(() -> records.record(client, NewSharingRecord.consent(null, null, null), actingFor(stranger)),
                ErrorCode.CLIENT_NOT_SERVED);
        assertRefused(() -> records.history(client, SharingRecordKind.CONSENT, actingFor(stranger)),
                ErrorCode.CLIENT_NOT_SERVED);
        RequestContext sharing = new RequestContext(Oid.of(organiser), "sosiaalityontekija-7", "2");
        assertRefused(() -> records.record(client, NewSharingRecord.consent(null, null, null), sharing),
                ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS);

        // and nothing was recorded, and each refusal is audited as denied
        assertThat(records.history(client, SharingRecordKind.CONSENT, actingFor(organiser))).isEmpty();
        assertThat(audit.eventsForClient(client)).filteredOn(e -> e.outcome().equals("DENIED"))
                .extracting(AuditEvent::operation, AuditEvent::organisation).containsExactly(
                        Tuple.tuple("RECORD_CONSENT", stranger), Tuple.tuple("READ_CONSENTS", stranger),
                        Tuple.tuple("RECORD_CONSENT", organiser));
        assertThat(audit.eventsForClient(client)).filteredOn(e -> e.outcome().equals("DENIED")).first()
                .satisfies(e -> assertThat(e.detail()).startsWith("CLIENT_NOT_SERVED"));
    }

    @Test
    void aProviderServesTheClientWhileItsRegisterAccessRightIsInEffect() {
        // given an organiser's client relationship document naming a unit of the provider from January
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        clientRelationship(archiving, organiser, client, JANUARY, null, false,
                new Provider(unitOf(provider, 17), JANUARY, null));
        NewSharingRecord informing = NewSharingRecord.informing(null, null);

        // when / then: without an agreement between the two the provider does not serve the client
        assertRefused(() -> records.record(client, informing, actingFor(provider)), ErrorCode.CLIENT_NOT_SERVED);

        // when the organiser and the provider agree on the register access right, the provider records informing
        AgreementRecord agreement = agreements.create(new NewAgreement(Oid.of(organiser), Oid.of(provider), false,
                List.of("24"), JANUARY, null, "SOP-1"), actingFor(organiser));
        SharingRecord recorded = records.record(client, informing, actingFor(provider));
        assertThat(recorded.recorded().organisation()).isEqualTo(provider);
        assertThat(audit.eventsForClient(client)).filteredOn(e -> e.outcome().equals("SUCCESS")).last()
                .satisfies(e -> assertThat(e.detail()).endsWith("serving the client on a register access right in the"
                        + " register of " + organiser + ", service task 24"));

        // and once the agreement ends, it no longer does
        agreements.end(agreement.id(), null, null, actingFor(organiser));
        assertRefused(() -> records.history(client, SharingRecordKind.INFORMING, actingFor(provider)),
                ErrorCode.CLIENT_NOT_SERVED);
        assertThat(records.history(client, SharingRecordKind.INFORMING, actingFor(organiser))).containsExactly(recorded);
    }

    @Test
    void aDenialOfADocumentNamesItsWholeSetAndOnlyTheClientsOwnDocuments() {
        // given a client's document in two versions, and another client's document
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String first = clientRelationship(archiving, organiser, client, JANUARY, null, false);
        KantaSamples.Builder second = KantaSamples.document().client(client).controller(organiser)
                .replacing(first, first).version(2).reasonOfCorrection("Korjattu")
                .structuredForm(form -> ClientRelationshipForms.relationship(form, JANUARY, null));
        archiving.archive(second.build(), actingFor(organiser));
        String otherClient = KantaSamples.newTestIdentityCode();
        String othersDocument = clientRelationship(archiving, organiser, otherClient, JANUARY, null, false);

        // when the second version is denied
        SharingRecord denial = records.record(client, NewSharingRecord.denial(DenialTarget.DOCUMENT,
                second.oidValue(), null, null, null), actingFor(organiser));

        // then the denial names the set (the first version's OID)
        assertThat(denial.targetValue()).isEqualTo(first);

        // and another client's document or an unknown one is refused alike
        assertRefused(() -> records.record(client, NewSharingRecord.denial(DenialTarget.DOCUMENT, othersDocument, null,
                null, null), actingFor(organiser)), ErrorCode.DENIED_DOCUMENT_UNKNOWN);
        assertRefused(() -> records.record(client, NewSharingRecord.denial(DenialTarget.DOCUMENT, KantaSamples.newOid(),
                null, null, null), actingFor(organiser)), ErrorCode.DENIED_DOCUMENT_UNKNOWN);
        assertThat(records.history(client, SharingRecordKind.DENIAL, actingFor(organiser))).containsExactly(denial);
    }

    @Test
    void badInputIsRefusedWithItsOwnCodeAndChangesNothing() {
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        clientRelationship(archiving, organiser, client, JANUARY, null, false);
        RequestContext context = actingFor(organiser);

        assertRefused(() -> records.record("010101-900A", NewSharingRecord.consent(null, null, null), context),
                ErrorCode.INVALID_IDENTITY_CODE);
        assertRefused(() -> records.record(client, NewSharingRecord.informing(TODAY.plusDays(1), null), context),
                ErrorCode.DATE_IN_FUTURE);
        assertRefused(() -> records.record(client, NewSharingRecord.consent(TODAY, TODAY.minusDays(1), null), context),
                ErrorCode.INVALID_VALIDITY_PERIOD);
        assertRefused(() -> records.record(client, NewSharingRecord.consent(null, null, "x".repeat(1001)), context),
                ErrorCode.TEXT_TOO_LONG);
        assertRefused(() -> records.record(client, NewSharingRecord.denial(DenialTarget.SERVICE_TASK, "lastensuojelu",
                null, null, null), context), ErrorCode.INVALID_SERVICE_TASK);
        assertRefused(() -> records.record(client, NewSharingRecord.denial(DenialTarget.CONTROLLER, "THL", null, null,
                null), context), ErrorCode.INVALID_OID);
        assertRefused(() -> records.withdraw(client, SharingRecordKind.CONSENT, RecordId.random(), null, context),
                ErrorCode.SHARING_RECORD_NOT_FOUND);
        assertThat(facts.facts(client).consents()).isEmpty();
        assertThat(facts.facts(client).denials()).isEmpty();
        assertThat(facts.facts(client).informedOn()).isNull();

        // a record is withdrawn once, and only under its own kind
        SharingRecord consent = records.record(client, NewSharingRecord.consent(null, null, null), context);
        assertRefused(() -> records.withdraw(client, SharingRecordKind.DENIAL, consent.id(), null, context),
                ErrorCode.SHARING_RECORD_NOT_FOUND);
        records.withdraw(client, SharingRecordKind.CONSENT, consent.id(), null, context);
        assertRefused(() -> records.withdraw(client, SharingRecordKind.CONSENT, consent.id(), null, context),
                ErrorCode.SHARING_RECORD_ALREADY_WITHDRAWN);
        assertThat(audit.eventsForClient(client)).filteredOn(e -> e.outcome().equals("REJECTED"))
                .extracting(AuditEvent::operation).contains("RECORD_INFORMING", "RECORD_CONSENT", "RECORD_DENIAL",
                        "WITHDRAW_CONSENT");
    }

    @Test
    void theFactsComeFromTheCurrentVersionOfEachClientRelationshipDocument() {
        // given a client relationship document under non-disclosure naming a provider from January without an end
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String first = clientRelationship(archiving, organiser, client, JANUARY, null, true,
                new Provider(unitOf(provider, 3), JANUARY, null));
        assertThat(facts.facts(client).nonDisclosure()).isTrue();

        // when a replacement ends the provider's period in June and lifts the non-disclosure
        KantaSamples.Builder replacement = KantaSamples.document().client(client).controller(organiser)
                .replacing(first, first).version(2).reasonOfCorrection("Palvelu päättyi").structuredForm(form -> {
                    ClientRelationshipForms.relationship(form, JANUARY, null);
                    ClientRelationshipForms.providers(form, "24",
                            new Provider(unitOf(provider, 3), JANUARY, LocalDate.of(2026, 6, 30)));
                    ClientRelationshipForms.nonDisclosure(form, false);
                });
        // (the client is under non-disclosure until this version is archived)
        archiving.archive(replacement.build(), withNonDisclosureRight(organiser));

        // then the facts follow the replacement
        ClientFacts after = facts.facts(client);
        assertThat(after.nonDisclosure()).isFalse();
        assertThat(after.registerAccess().periods()).singleElement().satisfies(period -> {
            assertThat(period.organiser()).isEqualTo(organiser);
            assertThat(period.providerOrganisation()).isEqualTo(provider);
            assertThat(period.serviceTask()).isEqualTo("24");
            assertThat(period.end()).isEqualTo(LocalDate.of(2026, 6, 30));
        });
        assertThat(after.clientRelationships()).singleElement().satisfies(r -> {
            assertThat(r.organisation()).isEqualTo(organiser);
            assertThat(r.activeOn(TODAY)).isTrue();
        });
        assertThat(after.guardians()).as("no population register is connected").isEmpty();

        // and a nullified client relationship document states nothing
        archiving.nullify(fi.arkisto.store.cda.DocumentOid.of(replacement.oidValue()), "Väärä asiakas",
                actingFor(organiser));
        assertThat(facts.facts(client).clientRelationships()).isEmpty();
    }

    static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}

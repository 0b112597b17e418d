package fi.arkisto.store.document;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.actor.RequestAssertions;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.KantaSamples;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading archived documents: access decisions, audit before data leaves, integrity, listing. */
abstract class DocumentReadServiceContract {

    static final RequestContext OWNER = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "sosiaalityontekija-2", "1");
    static final RequestContext STRANGER = new RequestContext(Oid.of("1.2.246.10.1234567.10.0"), "vieras-2", "1");
    static final RequestContext OTHER_PURPOSE = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "sosiaalityontekija-2", "2");

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;
    @Autowired
    AuditLog audit;
    @Autowired
    ObjectStore objects;
    @Autowired
    fi.arkisto.store.object.ObjectStoreProperties storageProperties;

    @Test
    void everyReadIsAuditedWithWhoWhatAndWhy() {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        archiving.archive(builder.build(), OWNER);
        DocumentOid oid = DocumentOid.of(builder.oidValue());

        // when
        reading.metadata(oid, OWNER);
        reading.content(oid, OWNER);
        reading.displayForm(oid, OWNER);

        // then
        List<AuditEvent> events = audit.eventsForDocument(oid.value());
        assertThat(events).extracting(AuditEvent::operation, AuditEvent::outcome).containsExactly(
                Tuple.tuple("ARCHIVE", "SUCCESS"), Tuple.tuple("READ_METADATA", "SUCCESS"),
                Tuple.tuple("READ_CONTENT", "SUCCESS"), Tuple.tuple("READ_DISPLAY", "SUCCESS"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.clientId()).isEqualTo(KantaSamples.SAMPLE_CLIENT);
            assertThat(e.organisation()).isEqualTo(KantaSamples.SAMPLE_CONTROLLER);
            assertThat(e.purposeOfUse()).isEqualTo("1");
        });
        assertThat(events.get(1).userId()).isEqualTo("sosiaalityontekija-2");
        assertThat(events.subList(1, 4)).extracting(AuditEvent::detail).containsOnly("basis OWN_REGISTER (own register "
                + KantaSamples.SAMPLE_CONTROLLER + "), disclosure FULL; use context 1; asserted: nothing");
    }

    @Test
    void anotherOrganisationOrPurposeIsDeniedAuditedAndGetsNothing() {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        archiving.archive(builder.build(), OWNER);
        DocumentOid oid = DocumentOid.of(builder.oidValue());

        // when / then: an organisation with no right to the register, and the controller in a use context that is
        // not its own register's, are each refused with the rule that refuses them
        assertRefused(() -> reading.content(oid, STRANGER), ErrorCode.NO_ACCESS_TO_REGISTER);
        assertRefused(() -> reading.metadata(oid, STRANGER), ErrorCode.NO_ACCESS_TO_REGISTER);
        assertRefused(() -> reading.displayForm(oid, OTHER_PURPOSE), ErrorCode.USE_CONTEXT_NOT_FOR_OWN_REGISTER);
        assertThat(audit.eventsForDocument(oid.value())).extracting(AuditEvent::operation, AuditEvent::outcome,
                AuditEvent::organisation).containsExactly(
                Tuple.tuple("ARCHIVE", "SUCCESS", KantaSamples.SAMPLE_CONTROLLER),
                Tuple.tuple("READ_CONTENT", "DENIED", STRANGER.organisation().value()),
                Tuple.tuple("READ_METADATA", "DENIED", STRANGER.organisation().value()),
                Tuple.tuple("READ_DISPLAY", "DENIED", KantaSamples.SAMPLE_CONTROLLER));
        assertThat(audit.eventsForDocument(oid.value())).extracting(AuditEvent::detail).element(1).asString()
                .startsWith("NO_ACCESS_TO_REGISTER: ").endsWith("; use context 1; asserted: nothing");
    }

    @Test
    void underNonDisclosureTheOwnProfessionalNeedsTheAssertedRightAndAnOlderDocumentIsReadMasked() {
        // given a client's document carrying the client's home municipality, archived before the organiser's client
        // relationship document put the client under non-disclosure
        String client = KantaSamples.newTestIdentityCode();
        String older = archive(KantaSamples.document().client(client).serviceTask("24").documentGroup("3"));
        RequestContext entitled = new RequestContext(OWNER.organisation(), "sosiaalityontekija-2", "1",
                new RequestAssertions(null, true, null));
        String relationship = archiving.archive(KantaSamples.document().client(client).serviceTask("24")
                .structuredForm(form -> ClientRelationshipForms.nonDisclosure(form, true)).build(), entitled)
                .document().oid().value();

        // when / then: the client relationship document is read only with the asserted right, and then whole
        assertRefused(() -> reading.metadata(DocumentOid.of(relationship), OWNER), ErrorCode.NON_DISCLOSURE_RIGHT_REQUIRED);
        DisclosedMetadata whole = reading.disclosedMetadata(DocumentOid.of(relationship), entitled);
        assertThat(whole.disclosure()).isEqualTo(Disclosure.FULL);
        assertThat(whole.masked()).isNull();
        assertThat(reading.displayForm(DocumentOid.of(relationship), entitled).content()).isNotEmpty();

        // and the older document is disclosed without the right only as metadata with the location data masked
        DisclosedMetadata masked = reading.disclosedMetadata(DocumentOid.of(older), OWNER);
        assertThat(masked.disclosure()).isEqualTo(Disclosure.STRUCTURED_FORM_MASKED);
        assertThat(masked.basis()).isEqualTo(AccessBasis.OWN_REGISTER);
        assertThat(masked.masked().maskedPointers()).containsExactly("/asiakkuusasiakirja/asiakas/kotikunta");
        assertThat(new String(masked.masked().json(), StandardCharsets.UTF_8))
                .contains("\"kotikunta\":null").doesNotContain("092 Vantaa");
        assertRefused(() -> reading.content(DocumentOid.of(older), OWNER), ErrorCode.PROTECTED_LOCATION_DATA_WITHHELD);
        assertRefused(() -> reading.displayForm(DocumentOid.of(older), OWNER), ErrorCode.PROTECTED_LOCATION_DATA_WITHHELD);
        assertThat(audit.eventsForDocument(older)).extracting(AuditEvent::operation, AuditEvent::outcome).containsExactly(
                Tuple.tuple("ARCHIVE", "SUCCESS"), Tuple.tuple("READ_METADATA", "SUCCESS"),
                Tuple.tuple("READ_CONTENT", "DENIED"), Tuple.tuple("READ_DISPLAY", "DENIED"));
        assertThat(audit.eventsForDocument(older).get(1).detail())
                .contains("disclosure STRUCTURED_FORM_MASKED", "masked [/asiakkuusasiakirja/asiakas/kotikunta]");
        assertThat(audit.eventsForDocument(older).get(2).detail())
                .startsWith("PROTECTED_LOCATION_DATA_WITHHELD under basis OWN_REGISTER");
    }

    @Test
    void anUnknownDocumentIsNotFoundAndAudited() {
        // given
        DocumentOid unknown = DocumentOid.of(KantaSamples.newOid());

        // when / then
        assertRefused(() -> reading.metadata(unknown, OWNER), ErrorCode.DOCUMENT_NOT_FOUND);
        assertThat(audit.eventsForDocument(unknown.value())).extracting(AuditEvent::outcome).containsExactly("NOT_FOUND");
    }

    @Test
    void theDisplayFormIsTheDecodedXhtmlOfTheStoredBytes() {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        byte[] document = builder.build();
        archiving.archive(document, OWNER);

        // when
        DisplayForm display = reading.displayForm(DocumentOid.of(builder.oidValue()), OWNER);

        // then
        assertThat(display.mediaType()).isEqualTo("application/xhtml+xml");
        assertThat(display.content()).isEqualTo(new CdaParser().parse(document).displayForm());
        assertThat(new String(display.content(), StandardCharsets.UTF_8)).contains("<div class=\"soc-document\"");
    }

    @Test
    void anAlteredStoredObjectIsNeverHandedOut() throws Exception {
        // given: someone rewrites the object behind the archive's back (a client of its own: the forged object is a
        // client relationship document, which the access facts of its client are read from)
        String client = KantaSamples.newTestIdentityCode();
        KantaSamples.Builder builder = KantaSamples.document().client(client);
        byte[] document = builder.build();
        ArchiveOutcome outcome = archiving.archive(document, OWNER);
        String key = ObjectStore.documentKey(outcome.document().sha256());
        byte[] forged = KantaSamples.document().client(client).oid(builder.oidValue()).marker("väärennetty").build();
        try (var raw = io.minio.MinioClient.builder().endpoint(storageProperties.endpoint())
                .credentials(storageProperties.accessKey(), storageProperties.secretKey()).build()) {
            raw.putObject(io.minio.PutObjectArgs.builder().bucket(storageProperties.bucket()).object(key)
                    .stream(new java.io.ByteArrayInputStream(forged), forged.length, -1)
                    .userMetadata(java.util.Map.of("sha256", outcome.document().sha256())).build());
        }

        // when / then
        assertRefused(() -> reading.content(DocumentOid.of(builder.oidValue()), OWNER), ErrorCode.STORED_OBJECT_CORRUPT);
        assertThat(audit.eventsForDocument(builder.oidValue())).extracting(AuditEvent::operation)
                .doesNotContain("READ_CONTENT");
    }

    @Test
    void clientDocumentsAreTheOwnRegistersCurrentDocumentsNewestFirstPagedAndFiltered() {
        // given: five documents of one client in the register, one of them replaced, one in another register
        String client = KantaSamples.newTestIdentityCode();
        String caseId = KantaSamples.newOid();
        String older = archive(KantaSamples.document().client(client).effectiveTime("20240105090000+0200")
                .serviceTask("24").documentGroup("2").caseId(caseId));
        KantaSamples.Builder replacedBuilder = KantaSamples.document().client(client).effectiveTime("20240301120000+0200")
                .serviceTask("24").documentGroup("2").caseId(caseId);
        String replaced = archive(replacedBuilder);
        String replacement = archive(KantaSamples.document().client(client).effectiveTime("20240302120000+0200")
                .replacing(replaced, replaced).version(2).reasonOfCorrection("Korjaus")
                .serviceTask("24").documentGroup("2").caseId(caseId));
        String relationship = archive(KantaSamples.document().client(client).effectiveTime("20230601080000+0300")
                .serviceTask("21"));
        String newest = archive(KantaSamples.document().client(client).effectiveTime("20250101100000+0200")
                .serviceTask("21").documentGroup("3"));
        String foreignController = "1.2.246.10.7654321.10.0";
        archiving.archive(KantaSamples.document().client(client).controller(foreignController).build(),
                new RequestContext(Oid.of(foreignController), "toinen", "1"));

        // when
        ClientDocumentsPage all = reading.clientDocuments(client, query(null, null, null, null, null, 0, 10), OWNER);
        ClientDocumentsPage secondPage = reading.clientDocuments(client, query(null, null, null, null, null, 1, 2), OWNER);
        ClientDocumentsPage task24 = reading.clientDocuments(client, query("24", null, null, null, null, 0, 10), OWNER);
        ClientDocumentsPage group3 = reading.clientDocuments(client, query(null, "3", null, null, null, 0, 10), OWNER);
        ClientDocumentsPage ofCase = reading.clientDocuments(client, query(null, null, caseId, null, null, 0, 10), OWNER);
        ClientDocumentsPage in2024 = reading.clientDocuments(client, query(null, null, null,
                OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), 0, 10), OWNER);

        // then
        assertThat(oids(all)).containsExactly(newest, replacement, older, relationship);
        assertThat(all.total()).isEqualTo(4);
        assertThat(oids(secondPage)).containsExactly(older, relationship);
        assertThat(secondPage.total()).isEqualTo(4);
        assertThat(secondPage.page()).isEqualTo(1);
        assertThat(oids(task24)).containsExactly(replacement, older);
        assertThat(oids(group3)).containsExactly(newest);
        assertThat(oids(ofCase)).containsExactly(replacement, older);
        assertThat(oids(in2024)).containsExactly(replacement, older);
        assertThat(audit.eventsForClient(client)).filteredOn(e -> e.operation().equals("LIST_CLIENT_DOCUMENTS"))
                .hasSize(6).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("SUCCESS"));
    }

    @Test
    void listingWithAnotherPurposeIsDeniedAndBadPagingIsRefused() {
        // given
        String client = KantaSamples.newTestIdentityCode();

        // when / then
        assertRefused(() -> reading.clientDocuments(client, ClientDocumentsQuery.firstPage(), OTHER_PURPOSE),
                ErrorCode.USE_CONTEXT_NOT_FOR_REGISTER_LIST);
        assertThat(audit.eventsForClient(client)).extracting(AuditEvent::outcome).containsExactly("DENIED");
        assertRefused(() -> query(null, null, null, null, null, -1, 10), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> query(null, null, null, null, null, 0, 0), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> query(null, null, null, null, null, 0, ClientDocumentsQuery.MAX_SIZE + 1), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aClientIdThatIsNotAPersonalIdentityCodeIsRefusedAndNotAudited() {
        // given ids that name nobody: blank, a number, a wrong check character
        String wrongCheck = KantaSamples.newTestIdentityCode();
        wrongCheck = wrongCheck.substring(0, 10) + (wrongCheck.charAt(10) == 'A' ? 'B' : 'A');

        // when / then each is refused before any access decision, so nothing is audited for it
        for (String id : new String[] {" ", "123", wrongCheck}) {
            assertRefused(() -> reading.clientDocuments(id, ClientDocumentsQuery.firstPage(), OWNER),
                    ErrorCode.INVALID_IDENTITY_CODE);
        }
        assertThat(audit.eventsForClient(wrongCheck)).isEmpty();
    }

    private String archive(KantaSamples.Builder builder) {
        return archiving.archive(builder.build(), OWNER).document().oid().value();
    }

    private static ClientDocumentsQuery query(String task, String group, String caseId, OffsetDateTime from,
                                              OffsetDateTime to, int page, int size) {
        return new ClientDocumentsQuery(task, group, caseId, from, to, page, size);
    }

    private static List<String> oids(ClientDocumentsPage page) {
        return page.items().stream().map(d -> d.document().oid().value()).toList();
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}

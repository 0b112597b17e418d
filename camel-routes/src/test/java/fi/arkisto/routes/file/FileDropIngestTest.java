package fi.arkisto.routes.file;

import fi.arkisto.routes.RoutesTestApplication;
import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.message.IngestMetrics;
import fi.arkisto.routes.testsupport.ArchiveQueries;
import fi.arkisto.routes.testsupport.FaultInjectingCheck;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import fi.arkisto.routes.testsupport.Messages;
import fi.arkisto.store.message.MultipartRelatedWriter;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = RoutesTestApplication.class)
@ContextConfiguration(initializers = IngestTestEnvironment.Local.class)
class FileDropIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    DataSource dataSource;
    @Autowired
    IngestMetrics metrics;
    @Autowired
    FaultInjectingCheck faults;
    @Autowired
    IngestProperties properties;

    ArchiveQueries archive;
    Path inbox;

    @BeforeEach
    void setUp() {
        archive = new ArchiveQueries(dataSource);
        inbox = IngestTestEnvironment.local().inbox();
    }

    @Test
    void archivesAFramedDocumentFromAMimeFileAndMovesItToDone() throws IOException {
        // given a frame with its document as a multipart/related message file
        String oid = KantaSamples.newOid();
        String client = KantaSamples.newTestIdentityCode();
        byte[] document = KantaSamples.document().oid(oid).client(client).build();
        byte[] mime = MultipartRelatedWriter.writeMessage(Messages.frameFor(oid, client), document, Messages.SAMPLE_ATTACHMENT_ID);

        // when
        String name = drop("message-" + UUID.randomUUID() + ".mime", mime);

        // then
        awaitMoved(name, FileDropProcessor.DONE);
        assertThat(archive.versions(oid)).isEqualTo(1);
        assertThat(inbox.resolve(FileDropProcessor.REJECTED).resolve(name + ".reason.json")).doesNotExist();
    }

    @Test
    void rejectsABadDocumentWithAMachineReadableReason() throws IOException {
        // given a document whose frame names another client
        String oid = KantaSamples.newOid();
        byte[] document = KantaSamples.document().oid(oid).build();
        byte[] frame = Messages.frameFor(oid, KantaSamples.newTestIdentityCode());
        byte[] mime = MultipartRelatedWriter.writeMessage(frame, document, Messages.SAMPLE_ATTACHMENT_ID);

        // when
        String name = drop("mismatch-" + UUID.randomUUID() + ".mime", mime);

        // then
        awaitMoved(name, FileDropProcessor.REJECTED);
        Map<String, Object> reason = ReasonFiles.read(inbox.resolve("rejected").resolve(name + ".reason.json"));
        assertThat(reason).containsEntry("file", name).containsEntry("code", "FRAME_DOCUMENT_MISMATCH");
        assertThat((String) reason.get("reason")).contains("recordTarget id");
        assertThat(archive.versions(oid)).isZero();
        assertThat(archive.rejections(name)).isEqualTo(1);
    }

    @Test
    void archivesAThousandDocumentsOfAPackageAndRejectsExactlyTheBadOnes() throws IOException {
        // given a package of 1,000 good documents, 3 bad ones and a frame/document pair
        ZipFixtures zip = ZipFixtures.zip();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String oid = KantaSamples.newOid();
            good.add(oid);
            zip.add(String.format("documents/%04d.xml", i), KantaSamples.document().oid(oid).build());
        }
        String pairOid = KantaSamples.newOid();
        String pairClient = KantaSamples.newTestIdentityCode();
        zip.add("framed/case.frame.xml", Messages.frameFor(pairOid, pairClient));
        zip.add("framed/case.xml", KantaSamples.document().oid(pairOid).client(pairClient).build());
        zip.add("bad/malformed.xml", "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id root=");
        zip.add("bad/not-cda.xml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>");
        zip.add("bad/readme.txt", "not a document");
        String name = "package-" + UUID.randomUUID() + ".zip";
        Path tmp = zip.writeTo(inbox.resolve("." + name + ".tmp"));

        // when
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);

        // then
        awaitMoved(name, FileDropProcessor.DONE);
        assertThat(good).allSatisfy(oid -> assertThat(archive.versions(oid)).isEqualTo(1));
        assertThat(archive.versions(pairOid)).isEqualTo(1);
        Path rejected = inbox.resolve("rejected").resolve(name);
        List<Map<String, Object>> reasons;
        try (Stream<Path> files = Files.list(rejected)) {
            reasons = files.filter(p -> p.toString().endsWith(".reason.json")).sorted().map(ReasonFiles::read).toList();
        }
        assertThat(reasons).extracting(r -> r.get("entry") + " " + r.get("code")).containsExactly(
                "bad/malformed.xml MALFORMED_XML", "bad/not-cda.xml NOT_A_CDA_DOCUMENT", "bad/readme.txt UNSUPPORTED_MEDIA_TYPE");
        assertThat(archive.rejections(name + "!")).isEqualTo(3);
        Map<String, Object> report = ReasonFiles.read(inbox.resolve("done").resolve(name + ".report.json"));
        assertThat(report.get("outcomes")).isEqualTo(Map.of("ARCHIVED", 1001, "REJECTED", 3));
    }

    @Test
    void refusesHostilePackagesWholeAndArchivesNothingFromThem() throws IOException {
        // given packages each holding a good document next to something hostile
        Path inner = ZipFixtures.zip().add("a.xml", "<a/>").writeTo(Files.createTempFile("inner", ".zip"));
        Map<String, ZipFixtures> hostile = Map.of(
                "slip", ZipFixtures.zip().add("../../outside.xml", KantaSamples.document().build()),
                "symlink", ZipFixtures.zip().symlink("link.xml", "/etc/passwd"),
                "nested", ZipFixtures.zip().add("inner.zip", Files.readAllBytes(inner)),
                "bomb", ZipFixtures.zip().add("bomb.xml", new byte[30_000_000]));
        Map<String, String> expected = Map.of("slip", "PACKAGE_ENTRY_UNSAFE", "symlink", "PACKAGE_ENTRY_UNSAFE",
                "nested", "PACKAGE_ENTRY_UNSAFE", "bomb", "PACKAGE_TOO_LARGE");
        Map<String, String> goodOids = new java.util.HashMap<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (Map.Entry<String, ZipFixtures> e : hostile.entrySet()) {
            String oid = KantaSamples.newOid();
            goodOids.put(e.getKey(), oid);
            e.getValue().add("good.xml", KantaSamples.document().oid(oid).build());
            String name = e.getKey() + "-" + UUID.randomUUID() + ".zip";
            names.put(e.getKey(), name);
            Path tmp = e.getValue().writeTo(inbox.resolve("." + name + ".tmp"));
            Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }

        // then each is refused as a whole, with its code, and its good document is not archived
        for (String kind : hostile.keySet()) {
            String name = names.get(kind);
            awaitMoved(name, FileDropProcessor.REJECTED);
            Map<String, Object> reason = ReasonFiles.read(inbox.resolve("rejected").resolve(name + ".reason.json"));
            assertThat(reason.get("code")).as(kind).isEqualTo(expected.get(kind));
            assertThat(archive.versions(goodOids.get(kind))).as(kind).isZero();
        }
        assertThat(inbox.getParent().resolve("outside.xml")).doesNotExist();
    }

    @Test
    void processesTheSameFileOnlyOnceEvenWhenDroppedAgain() throws IOException {
        // given a document already dropped and archived
        byte[] document = KantaSamples.document().build();
        String name = "again-" + UUID.randomUUID() + ".xml";
        drop(name, document);
        awaitMoved(name, FileDropProcessor.DONE);
        double received = metrics.count("arkisto.ingest.received", IngestChannel.FILE);

        // when the identical file is dropped again
        drop(name, document);

        // then it is moved aside without being processed again
        await("the second copy left the inbox").atMost(WAIT).until(() -> !Files.exists(inbox.resolve(name)));
        try (Stream<Path> done = Files.list(inbox.resolve("done"))) {
            assertThat(done.filter(p -> p.getFileName().toString().startsWith(name))).hasSize(2);
        }
        assertThat(metrics.count("arkisto.ingest.received", IngestChannel.FILE)).isEqualTo(received);
    }

    @Test
    void movesAFileWhoseStorageStaysUnavailableBeyondTheRetryWindowToRejectedWithItsReason() throws IOException {
        // given a document whose storage keeps failing
        String oid = KantaSamples.newOid();
        faults.storageUnavailableFor(oid);

        // when it is dropped
        String name = drop("unstored-" + UUID.randomUUID() + ".xml", KantaSamples.document().oid(oid).build());

        // then, once the store has stayed unavailable for the whole retry window, it is in rejected/ with the transient
        // failure's code as its reason
        awaitMoved(name, FileDropProcessor.REJECTED);
        Map<String, Object> reason = ReasonFiles.read(inbox.resolve(FileDropProcessor.REJECTED).resolve(name + ".reason.json"));
        assertThat(reason).containsEntry("file", name).containsEntry("code", "STORAGE_UNAVAILABLE");
        assertThat((String) reason.get("reason")).contains("does not answer");
        assertThat(faults.attempts(oid)).isEqualTo(1 + properties.retry().transientRedeliveries());
        assertThat(inbox.resolve(name)).doesNotExist();
        assertThat(inbox.resolve(FileDropProcessor.DONE).resolve(name)).doesNotExist();
        assertThat(archive.versions(oid)).isZero();
        assertThat(archive.rejections(name)).isEqualTo(1);
    }

    @Test
    void rejectsFilesOfUnknownTypes() throws IOException {
        String name = "notes-" + UUID.randomUUID() + ".txt";
        drop(name, "hello".getBytes(StandardCharsets.UTF_8));

        awaitMoved(name, FileDropProcessor.REJECTED);
        assertThat(ReasonFiles.read(inbox.resolve("rejected").resolve(name + ".reason.json")))
                .containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
    }

    /** Writes under a dot-name (never taken) and renames: the way a well-behaved exporter delivers. */
    @Test
    void refusesTheClientRelationshipDocumentOfAClientUnderNonDisclosureAsItAssertsNoRightToProcessIt()
            throws IOException {
        // given a client relationship document declaring its client under non-disclosure (with the home municipality)
        String oid = KantaSamples.newOid();
        byte[] document = KantaSamples.document().oid(oid).client(KantaSamples.newTestIdentityCode())
                .structuredForm(form -> fi.arkisto.store.testsupport.ClientRelationshipForms.nonDisclosure(form, true))
                .build();

        // when it arrives through the file drop, whose request context asserts nothing of the professional
        String name = drop("protected-" + UUID.randomUUID() + ".xml", document);

        // then it is refused with the access rule's code, and nothing is archived
        awaitMoved(name, FileDropProcessor.REJECTED);
        Map<String, Object> reason = ReasonFiles.read(inbox.resolve(FileDropProcessor.REJECTED).resolve(name + ".reason.json"));
        assertThat(reason).containsEntry("file", name).containsEntry("code", "NON_DISCLOSURE_RIGHT_REQUIRED");
        assertThat(archive.versions(oid)).isZero();
    }

    @Test
    void aDocumentRefusedWhileItsStoreWasDownIsResolvedWhenAPackageLaterArchivesIt() throws IOException {
        // given a document the file drop refused because its store stayed unavailable beyond the retry window
        String oid = KantaSamples.newOid();
        byte[] document = KantaSamples.document().oid(oid).build();
        faults.storageUnavailableFor(oid);
        String name = drop("unstored-" + UUID.randomUUID() + ".xml", document);
        awaitMoved(name, FileDropProcessor.REJECTED);
        assertThat(archive.resolutionsOfPayload(document)).containsExactly((String) null);

        // when the store is back and the document comes again inside a package (the bulk path), beside another
        faults.storageBackFor(oid);
        String other = KantaSamples.newOid();
        String packageName = "again-" + UUID.randomUUID() + ".zip";
        Path tmp = ZipFixtures.zip().add("first.xml", document).add("second.xml", KantaSamples.document().oid(other).build())
                .writeTo(inbox.resolve("." + packageName + ".tmp"));
        Files.move(tmp, inbox.resolve(packageName), StandardCopyOption.ATOMIC_MOVE);

        // then both are archived once, and the refusal names the document that resolved it
        awaitMoved(packageName, FileDropProcessor.DONE);
        assertThat(archive.versions(oid)).isEqualTo(1);
        assertThat(archive.versions(other)).isEqualTo(1);
        assertThat(archive.resolutionsOfPayload(document)).containsExactly(oid);
    }

    private String drop(String name, byte[] content) throws IOException {
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return name;
    }

    private void awaitMoved(String name, String dir) {
        await(name + " is in " + dir + "/").atMost(WAIT).until(() -> Files.exists(inbox.resolve(dir).resolve(name)));
    }
}

package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Archiving against a real PostgreSQL and the real S3 protocol: invariants 2-5 (docs/invariants.md) and every
 * archive-state error code.
 */
abstract class ArchivingServiceContract {

    static final String CONTROLLER = KantaSamples.SAMPLE_CONTROLLER;
    static final RequestContext OWNER = new RequestContext(Oid.of(CONTROLLER), "sosiaalityontekija-1", "1");
    static final RequestContext STRANGER = new RequestContext(Oid.of("1.2.246.10.1234567.10.0"), "vieras-1", "1");

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;
    @Autowired
    AuditLog audit;
    @Autowired
    ObjectStore objects;
    @Autowired
    DataSource dataSource;
    @Autowired
    fi.arkisto.store.access.AccessRules rules;
    @Autowired
    fi.arkisto.store.access.ClientFactsSource clients;

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Test
    void identicalResubmissionAnswersWithTheExistingRecord() {
        // given
        byte[] document = KantaSamples.document().build();
        ArchiveOutcome first = archiving.archive(document, OWNER);

        // when
        ArchiveOutcome second = archiving.archive(document.clone(), OWNER);

        // then
        String oid = first.document().oid().value();
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.document().oid()).isEqualTo(first.document().oid());
        assertThat(second.document().archivedAt()).isEqualTo(first.document().archivedAt());
        assertThat(rows(oid)).isEqualTo(1);
        assertThat(objectsUnder(ObjectStore.documentKey(first.document().sha256()))).isEqualTo(1);
        assertThat(audit.eventsForDocument(oid)).extracting(AuditEvent::operation, AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ARCHIVE", "SUCCESS"),
                        org.assertj.core.groups.Tuple.tuple("ARCHIVE", "DUPLICATE"));
    }

    @Test
    void anIdenticalResubmissionWritesBackAnObjectThatWentMissing() {
        // given a client of its own (the missing object is a client relationship document, read for its client's facts)
        byte[] document = KantaSamples.document().client(KantaSamples.newTestIdentityCode()).build();
        ArchiveOutcome first = archiving.archive(document, OWNER);
        String key = ObjectStore.documentKey(first.document().sha256());
        objects.delete(key);
        assertRefused(() -> reading.content(first.document().oid(), OWNER), ErrorCode.STORED_OBJECT_CORRUPT);

        // when
        ArchiveOutcome again = archiving.archive(document, OWNER);

        // then
        assertThat(again.created()).isFalse();
        assertThat(reading.content(first.document().oid(), OWNER).bytes()).isEqualTo(document);
    }

    @Test
    void archivingAndReadAuditsAreDurableWhateverTheCallersTransactionDoes(
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions) {
        // given: a caller (e.g. a migration chunk) that archives and reads inside its own transaction
        KantaSamples.Builder builder = KantaSamples.document();
        var callers = new org.springframework.transaction.support.TransactionTemplate(transactions);

        // when: the caller's transaction rolls back afterwards
        callers.executeWithoutResult(status -> {
            archiving.archive(builder.build(), OWNER);
            reading.metadata(DocumentOid.of(builder.oidValue()), OWNER);
            status.setRollbackOnly();
        });

        // then
        assertThat(rows(builder.oidValue())).isEqualTo(1);
        assertThat(audit.eventsForDocument(builder.oidValue())).extracting(AuditEvent::operation)
                .containsExactly("ARCHIVE", "READ_METADATA");
    }

    @Test
    void sameOidWithDifferentBytesIsAConflictAndChangesNothing() {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        byte[] original = builder.build();
        archiving.archive(original, OWNER);
        byte[] altered = builder.marker("muutettu").build();

        // when / then
        assertRefused(() -> archiving.archive(altered, OWNER), ErrorCode.DOCUMENT_CONFLICT);
        ArchivedDocument stored = reading.metadata(DocumentOid.of(builder.oidValue()), OWNER);
        assertThat(stored.sha256()).isEqualTo(ContentHash.sha256Hex(original));
        assertThat(objects.exists(ObjectStore.documentKey(ContentHash.sha256Hex(altered)))).isFalse();
        assertThat(audit.eventsForDocument(builder.oidValue())).extracting(AuditEvent::outcome)
                .containsExactly("SUCCESS", "REJECTED", "SUCCESS");
    }

    @Test
    void replacementMarksThePreviousVersionReplacedAndKeepsItRetrievable() {
        // given
        KantaSamples.Builder first = KantaSamples.document();
        byte[] v1 = first.build();
        archiving.archive(v1, OWNER);
        byte[] v2 = KantaSamples.document().replacing(first.oidValue(), first.oidValue()).version(2)
                .reasonOfCorrection("Virheellinen palveluyksikkö korjattu").build();

        // when
        ArchiveOutcome replaced = archiving.archive(v2, OWNER);

        // then
        assertThat(replaced.created()).isTrue();
        assertThat(replaced.document().metadata().setId()).isEqualTo(first.oidValue());
        assertThat(replaced.document().metadata().versionNumber()).isEqualTo(2);
        assertThat(replaced.document().metadata().reasonOfCorrection()).isEqualTo("Virheellinen palveluyksikkö korjattu");
        StoredContent old = reading.content(DocumentOid.of(first.oidValue()), OWNER);
        assertThat(old.document().status()).isEqualTo(DocumentStatus.REPLACED);
        assertThat(old.bytes()).isEqualTo(v1);
        assertThat(reading.metadata(replaced.document().oid(), OWNER).status()).isEqualTo(DocumentStatus.ACTIVE);
        assertThat(jdbc().queryForObject("SELECT replaced_by_oid FROM archive.document_version WHERE document_oid = ?",
                String.class, first.oidValue())).isEqualTo(replaced.document().oid().value());
    }

    @Test
    void replacementWithoutReasonOfCorrectionIsRefused() {
        // given
        KantaSamples.Builder first = KantaSamples.document();
        archiving.archive(first.build(), OWNER);
        byte[] v2 = KantaSamples.document().replacing(first.oidValue(), first.oidValue()).version(2).build();

        // when / then
        assertRefused(() -> archiving.archive(v2, OWNER), ErrorCode.CORRECTION_REASON_REQUIRED);
        assertThat(reading.metadata(DocumentOid.of(first.oidValue()), OWNER).status()).isEqualTo(DocumentStatus.ACTIVE);
    }

    @Test
    void versionsThatDoNotFollowTheSetAreConflicts() {
        // given
        KantaSamples.Builder first = KantaSamples.document();
        archiving.archive(first.build(), OWNER);
        byte[] v3 = KantaSamples.document().setId(first.oidValue()).version(3).reasonOfCorrection("Korjaus").build();
        byte[] orphanV2 = KantaSamples.document().setId(KantaSamples.newOid()).version(2).reasonOfCorrection("Korjaus").build();
        byte[] anotherV1 = KantaSamples.document().setId(first.oidValue()).build();
        byte[] wrongParent = KantaSamples.document().replacing(KantaSamples.newOid(), first.oidValue()).version(2)
                .reasonOfCorrection("Korjaus").build();

        // when / then
        assertRefused(() -> archiving.archive(v3, OWNER), ErrorCode.VERSION_CONFLICT);
        assertRefused(() -> archiving.archive(orphanV2, OWNER), ErrorCode.VERSION_CONFLICT);
        assertRefused(() -> archiving.archive(anotherV1, OWNER), ErrorCode.VERSION_CONFLICT);
        assertRefused(() -> archiving.archive(wrongParent, OWNER), ErrorCode.VERSION_CONFLICT);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM archive.document_version WHERE set_id = ?",
                Integer.class, first.oidValue())).isEqualTo(1);
    }

    @Test
    void nullificationMarksTheDocumentVoidWithWhoWhenWhyAndKeepsIt() {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        byte[] document = builder.build();
        archiving.archive(document, OWNER);
        DocumentOid oid = DocumentOid.of(builder.oidValue());

        // when
        ArchivedDocument nullified = archiving.nullify(oid, "Kirjattu väärälle asiakkaalle", OWNER);

        // then
        assertThat(nullified.status()).isEqualTo(DocumentStatus.NULLIFIED);
        assertThat(nullified.nullificationReason()).isEqualTo("Kirjattu väärälle asiakkaalle");
        assertThat(reading.content(oid, OWNER).bytes()).isEqualTo(document);
        var row = jdbc().queryForMap("SELECT nullified_by_org, nullified_by_user, nullified_at FROM archive.document_version"
                + " WHERE document_oid = ?", oid.value());
        assertThat(row.get("nullified_by_org")).isEqualTo(CONTROLLER);
        assertThat(row.get("nullified_by_user")).isEqualTo("sosiaalityontekija-1");
        assertThat(row.get("nullified_at")).isNotNull();
        assertRefused(() -> archiving.nullify(oid, "uudestaan", OWNER), ErrorCode.DOCUMENT_NULLIFIED);
    }

    @Test
    void nullificationNeedsAReasonAnExistingDocumentAndItsController() {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        archiving.archive(builder.build(), OWNER);
        DocumentOid oid = DocumentOid.of(builder.oidValue());

        // when / then
        assertRefused(() -> archiving.nullify(oid, "  ", OWNER), ErrorCode.NULLIFICATION_REASON_REQUIRED);
        assertRefused(() -> archiving.nullify(oid, "syy", STRANGER), ErrorCode.NO_ACCESS_TO_REGISTER);
        assertRefused(() -> archiving.nullify(DocumentOid.of(KantaSamples.newOid()), "syy", OWNER),
                ErrorCode.DOCUMENT_NOT_FOUND);
        assertThat(reading.metadata(oid, OWNER).status()).isEqualTo(DocumentStatus.ACTIVE);
        assertThat(audit.eventsForDocument(oid.value())).extracting(AuditEvent::outcome)
                .containsExactly("SUCCESS", "REJECTED", "DENIED", "SUCCESS");
    }

    @Test
    void theDatabaseRefusesToRewriteArchivedContentOrRevive() {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        archiving.archive(builder.build(), OWNER);
        archiving.nullify(DocumentOid.of(builder.oidValue()), "Virheellinen", OWNER);

        // when / then
        for (String change : List.of("sha256 = repeat('0', 64)", "object_key = 'documents/elsewhere'",
                "metadata = '{}'::jsonb", "version_number = 7",
                "status = 'ACTIVE', nullified_at = NULL, nullification_reason = NULL")) {
            assertThatThrownBy(() -> jdbc().update("UPDATE archive.document_version SET " + change
                    + " WHERE document_oid = ?", builder.oidValue())).hasMessageContaining("document");
        }
        assertThat(reading.metadata(DocumentOid.of(builder.oidValue()), OWNER).status()).isEqualTo(DocumentStatus.NULLIFIED);
    }

    @Test
    void aNullifiedDocumentCannotBeReplaced() {
        // given
        KantaSamples.Builder first = KantaSamples.document();
        archiving.archive(first.build(), OWNER);
        archiving.nullify(DocumentOid.of(first.oidValue()), "Virheellinen", OWNER);
        byte[] v2 = KantaSamples.document().replacing(first.oidValue(), first.oidValue()).version(2)
                .reasonOfCorrection("Korjaus").build();

        // when / then
        assertRefused(() -> archiving.archive(v2, OWNER), ErrorCode.DOCUMENT_NULLIFIED);
    }

    @Test
    void locationDataOfAClientUnderNonDisclosureIsRefusedOutsideTheClientRelationshipDocument() {
        // given the organiser's client relationship document putting a client of its own under non-disclosure
        String client = KantaSamples.newTestIdentityCode();
        RequestContext withRight = new RequestContext(OWNER.organisation(), OWNER.userId(), OWNER.purposeOfUse(),
                new fi.arkisto.store.actor.RequestAssertions(null, true, null));
        archiving.archive(KantaSamples.document().client(client).structuredForm(
                form -> fi.arkisto.store.testsupport.ClientRelationshipForms.nonDisclosure(form, true)).build(), withRight);
        // and another document of the client whose structured form carries the home municipality
        KantaSamples.Builder other = KantaSamples.document().client(client).documentGroup("3");

        // when / then it is refused, the asserted right notwithstanding, and nothing is stored
        assertRefused(() -> archiving.archive(other.build(), withRight), ErrorCode.LOCATION_DATA_UNDER_NON_DISCLOSURE);
        assertThat(rows(other.oidValue())).isZero();
        assertThat(audit.eventsForDocument(other.oidValue())).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("DENIED");
            assertThat(e.detail()).startsWith("LOCATION_DATA_UNDER_NON_DISCLOSURE: Archiving into the register of "
                    + CONTROLLER + " refused: The client is under non-disclosure");
        });
    }

    @Test
    void anotherOrganisationCannotArchiveIntoTheRegisterAndIsAudited() {
        // given
        KantaSamples.Builder builder = KantaSamples.document();

        // when / then
        assertRefused(() -> archiving.archive(builder.build(), STRANGER), ErrorCode.NO_ACCESS_TO_REGISTER);
        assertThat(rows(builder.oidValue())).isZero();
        List<AuditEvent> events = audit.eventsForDocument(builder.oidValue());
        assertThat(events).extracting(AuditEvent::outcome, AuditEvent::organisation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DENIED", STRANGER.organisation().value()));
        assertThat(events.get(0).clientId()).isEqualTo(KantaSamples.SAMPLE_CLIENT);
    }

    @Test
    void malformedInputIsRejectedAuditedAndStoresNothing() {
        // given
        long before = jdbc().queryForObject("SELECT count(*) FROM archive.document_version", Long.class);
        byte[] garbage = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id root=".getBytes(StandardCharsets.UTF_8);

        // when / then
        assertRefused(() -> archiving.archive(garbage, OWNER), ErrorCode.MALFORMED_XML);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM archive.document_version", Long.class)).isEqualTo(before);
        var last = jdbc().queryForMap("SELECT outcome, client_id, document_oid, detail FROM archive.audit_event"
                + " ORDER BY id DESC LIMIT 1");
        assertThat(last.get("outcome")).isEqualTo("REJECTED");
        assertThat(last.get("client_id")).isNull();
        assertThat((String) last.get("detail")).startsWith("MALFORMED_XML");
    }

    @Test
    void concurrentIdenticalSubmissionsEndAsOneDocument() throws Exception {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        byte[] document = builder.build();
        int submitters = 6;

        // when
        List<ArchiveOutcome> outcomes = concurrently(submitters, () -> archiving.archive(document.clone(), OWNER));

        // then
        assertThat(outcomes).filteredOn(ArchiveOutcome::created).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.created()).hasSize(submitters - 1);
        assertThat(rows(builder.oidValue())).isEqualTo(1);
        assertThat(audit.eventsForDocument(builder.oidValue())).extracting(AuditEvent::outcome)
                .containsOnly("SUCCESS", "DUPLICATE").filteredOn("SUCCESS"::equals).hasSize(1);
    }

    @Test
    void concurrentDifferentSubmissionsOfOneOidEndAsOneDocumentAndConflicts() throws Exception {
        // given
        KantaSamples.Builder builder = KantaSamples.document();
        List<byte[]> variants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            variants.add(builder.marker("muunnelma " + i).build());
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        // when
        List<Object> results = concurrently(4, () -> {
            try {
                return archiving.archive(variants.get(next.getAndIncrement()), OWNER);
            } catch (ArchiveException e) {
                return e.code();
            }
        });

        // then
        assertThat(results).filteredOn(ArchiveOutcome.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(ErrorCode.class::isInstance).containsOnly(ErrorCode.DOCUMENT_CONFLICT).hasSize(3);
        assertThat(rows(builder.oidValue())).isEqualTo(1);
    }

    @Test
    void concurrentReplacementsOfOneVersionEndAsOneReplacement() throws Exception {
        // given
        KantaSamples.Builder first = KantaSamples.document();
        archiving.archive(first.build(), OWNER);
        List<byte[]> replacements = List.of(
                KantaSamples.document().replacing(first.oidValue(), first.oidValue()).version(2).reasonOfCorrection("A").build(),
                KantaSamples.document().replacing(first.oidValue(), first.oidValue()).version(2).reasonOfCorrection("B").build(),
                KantaSamples.document().replacing(first.oidValue(), first.oidValue()).version(2).reasonOfCorrection("C").build());
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        // when
        List<Object> results = concurrently(3, () -> {
            try {
                return archiving.archive(replacements.get(next.getAndIncrement()), OWNER);
            } catch (ArchiveException e) {
                return e.code();
            }
        });

        // then
        assertThat(results).filteredOn(ArchiveOutcome.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(ErrorCode.class::isInstance).containsOnly(ErrorCode.VERSION_CONFLICT);
        assertThat(jdbc().queryForList("SELECT status FROM archive.document_version WHERE set_id = ? ORDER BY version_number",
                String.class, first.oidValue())).containsExactly("REPLACED", "ACTIVE");
    }

    @Test
    void bulkAndSingleSubmissionsOfTheSameDocumentsRacingEndAsOneRowEach() throws Exception {
        // given
        List<byte[]> documents = new ArrayList<>();
        List<String> oids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            KantaSamples.Builder builder = KantaSamples.document();
            oids.add(builder.oidValue());
            documents.add(builder.build());
        }

        // when
        List<List<ArchiveOutcome>> runs = concurrently(3, () -> {
            List<ArchiveOutcome> outcomes = new ArrayList<>();
            if (Thread.currentThread().getName().endsWith("1")) {
                for (byte[] d : documents) {
                    outcomes.add(archiving.archive(d, OWNER));
                }
            } else {
                for (BulkResult r : archiving.archiveAll(documents, OWNER)) {
                    assertThat(r.error()).isNull();
                    outcomes.add(r.outcome());
                }
            }
            return outcomes;
        });

        // then
        assertThat(runs.stream().flatMap(List::stream).filter(ArchiveOutcome::created).map(o -> o.document().oid().value()))
                .containsExactlyInAnyOrderElementsOf(oids);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM archive.document_version WHERE document_oid = ANY(?)",
                Integer.class, (Object) oids.toArray(String[]::new))).isEqualTo(12);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void aDatabaseFailureAfterTheObjectIsWrittenLeavesNoRowAndTheSweeperRemovesTheObject() {
        // given: the database refuses this one document's row after its object has been written
        KantaSamples.Builder builder = KantaSamples.document();
        byte[] document = builder.build();
        String key = ObjectStore.documentKey(ContentHash.sha256Hex(document));
        String trigger = "fail_" + Math.abs(builder.oidValue().hashCode());
        jdbc().execute("CREATE FUNCTION archive." + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.document_oid = '" + builder.oidValue() + "' THEN RAISE EXCEPTION 'simulated crash'; END IF;"
                + " RETURN NEW; END $$");
        jdbc().execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON archive.document_version FOR EACH ROW"
                + " EXECUTE FUNCTION archive." + trigger + "()");
        byte[] kept = KantaSamples.document().build();
        try {
            archiving.archive(kept, OWNER);

            // when
            assertRefused(() -> archiving.archive(document, OWNER), ErrorCode.STORAGE_UNAVAILABLE);
        } finally {
            jdbc().execute("DROP TRIGGER " + trigger + " ON archive.document_version");
            jdbc().execute("DROP FUNCTION archive." + trigger + "()");
        }

        // then: no metadata points anywhere, the stray object is there until swept
        assertThat(rows(builder.oidValue())).isZero();
        assertThat(objects.exists(key)).isTrue();
        OrphanObjectSweeper sweeper = new OrphanObjectSweeper(objects, dataSource, Clock.systemUTC(), Duration.ZERO);
        assertThat(new OrphanObjectSweeper(objects, dataSource, Clock.systemUTC(), Duration.ofHours(1)).sweep())
                .doesNotContain(key);
        assertThat(sweeper.sweep()).contains(key);
        assertThat(objects.exists(key)).isFalse();
        assertThat(new ObjectLocks(dataSource).deletions()).contains(key);
        assertThat(objects.exists(ObjectStore.documentKey(ContentHash.sha256Hex(kept)))).isTrue();
        // and the same document archives cleanly afterwards
        assertThat(archiving.archive(document, OWNER).created()).isTrue();
        assertThat(reading.content(DocumentOid.of(builder.oidValue()), OWNER).bytes()).isEqualTo(document);
    }

    @Test
    void anArchivingWhoseObjectTheSweepDeletesJustAfterItsWriteWritesItAgainBeforeItCommits() throws Exception {
        // given the orphan sweep holding the bucket of a document's key: it has found a stray object of the same bytes
        // unreferenced and old, and is about to record the deletion and delete
        KantaSamples.Builder builder = KantaSamples.document();
        byte[] document = builder.build();
        String oid = builder.oidValue();
        String key = ObjectStore.documentKey(ContentHash.sha256Hex(document));
        ObjectLocks locks = new ObjectLocks(dataSource);
        CountDownLatch sweepHolds = new CountDownLatch(1);
        CountDownLatch sweepGoesOn = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> sweep = threads.submit(() -> locks.whileSweeping(key, deletion -> {
                sweepHolds.countDown();
                try {
                    sweepGoesOn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                deletion.run();
                objects.delete(key);
                return true;
            }));
            assertThat(sweepHolds.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            // when the same bytes are archived meanwhile: the object is written and verified, then the metadata
            // transaction waits for the bucket; the sweep deletes the object just written and lets go
            Future<ArchiveOutcome> archived = threads.submit(() -> archiving.archive(document, OWNER));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> objects.exists(key));
            org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> !archived.isDone());
            sweepGoesOn.countDown();
            assertThat(sweep.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            // then the archiving learnt of the deletion and wrote the object again before it committed: the archived
            // version reads back whole, and the sweep's deletion is on record
            assertThat(archived.get(30, java.util.concurrent.TimeUnit.SECONDS).created()).isTrue();
            assertThat(objects.exists(key)).isTrue();
            assertThat(reading.content(DocumentOid.of(oid), OWNER).bytes()).isEqualTo(document);
            assertThat(locks.deletions()).contains(key);
        } finally {
            sweepGoesOn.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void checksRunInOrderRefuseWithTheirCodeAndTheirFindingsAreStored(@Autowired fi.arkisto.store.cda.CdaParser parser,
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions) {
        // given
        List<String> ran = new ArrayList<>();
        DocumentCheck warns = (document, report) -> {
            ran.add("warns");
            report.warn("BIRTH_DATE_MISMATCH", "header and structured form differ");
            report.addSignature(new SignatureEvidence("sig-1", SignatureType.SYSTEM, "Apotti", true, "VALID",
                    java.time.Instant.parse("2026-07-17T10:06:56Z"), "CN=test", "CN=test ca", "0a", java.time.Instant.now(), java.time.Instant.now(), "REST", null, null, null));
        };
        DocumentCheck refusesSecond = (document, report) -> {
            ran.add("refuses");
            if (document.metadata().documentOid().value().endsWith(".2")) {
                throw new ArchiveException(ErrorCode.STRUCTURE_INVALID, "field x missing");
            }
        };
        ArchivingService checked = new ArchivingService(parser, List.of(warns, refusesSecond), objects, audit,
                rules, clients, new DocumentRepository(dataSource), transactions,
                Clock.systemUTC(), new SimpleAsyncTaskExecutor("test-archive-"), 2);
        {
            String base = KantaSamples.newOid();

            // when
            ArchiveOutcome accepted = checked.archive(KantaSamples.document().oid(base + ".1").build(), OWNER);

            // then
            assertThat(ran).containsExactly("warns", "refuses");
            ArchivedDocument stored = reading.metadata(accepted.document().oid(), OWNER);
            assertThat(stored.warnings()).containsExactly(new Warning("BIRTH_DATE_MISMATCH", "header and structured form differ"));
            assertThat(stored.signatures()).hasSize(1).first().satisfies(s -> {
                assertThat(s.type()).isEqualTo(SignatureType.SYSTEM);
                assertThat(s.valid()).isTrue();
            });
            assertRefused(() -> checked.archive(KantaSamples.document().oid(base + ".2").build(), OWNER),
                    ErrorCode.STRUCTURE_INVALID);
            assertThat(rows(base + ".2")).isZero();
        }
    }

    @Test
    void anUnreachableObjectStoreRefusesWithStorageUnavailableAndRecordsNothing(
            @Autowired fi.arkisto.store.cda.CdaParser parser,
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions) {
        // given: an object store that goes away after start
        fi.arkisto.store.testsupport.TestObjectStorage storage = fi.arkisto.store.testsupport.TestObjectStorage.embedded();
        ObjectStore vanishing = storage.newObjectStore();
        storage.close();
        KantaSamples.Builder builder = KantaSamples.document();
        try {
            ArchivingService offline = new ArchivingService(parser, List.of(), vanishing, audit,
                    rules, clients, new DocumentRepository(dataSource), transactions,
                    Clock.systemUTC(), new SimpleAsyncTaskExecutor("test-archive-"), 2);

            // when / then
            assertRefused(() -> offline.archive(builder.build(), OWNER), ErrorCode.STORAGE_UNAVAILABLE);
            assertThat(offline.archiveAll(List.of(KantaSamples.document().build()), OWNER))
                    .singleElement().satisfies(r -> assertThat(r.error().code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        } finally {
            vanishing.close();
        }
        assertThat(rows(builder.oidValue())).isZero();
        assertThat(audit.eventsForDocument(builder.oidValue())).extracting(AuditEvent::outcome).containsExactly("REJECTED");
    }

    // ---- helpers ----

    int rows(String oid) {
        return jdbc().queryForObject("SELECT count(*) FROM archive.document_version WHERE document_oid = ?", Integer.class, oid);
    }

    int objectsUnder(String prefix) {
        int[] count = {0};
        objects.list(prefix, o -> count[0]++);
        return count[0];
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}

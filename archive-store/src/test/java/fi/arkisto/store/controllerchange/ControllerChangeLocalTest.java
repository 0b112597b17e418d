package fi.arkisto.store.controllerchange;

import fi.arkisto.store.LocalServicesTest;
import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.accesslog.AccessLogEntry;
import fi.arkisto.store.accesslog.AccessLogRequest;
import fi.arkisto.store.accesslog.AccessLogService;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.ClientDocumentsQuery;
import fi.arkisto.store.document.DisclosedMetadata;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.ListedDocument;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A controller change through the archive store: the assignment the access decision reads, the pause, the records. */
@LocalServicesTest
class ControllerChangeLocalTest {

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;
    @Autowired
    ControllerChangeService changes;
    @Autowired
    ArchivingPauses pauses;
    @Autowired
    AccessLogService logs;
    @Autowired
    ControllerChangeAbandonment abandonment;
    @Autowired
    DataSource dataSource;

    @Test
    void afterACompletedChangeTheNewControllerReadsTheScopeAsItsOwnByteIdenticalAndTheOldOneIsRefused() {
        // given two documents of service task 24 and one of task 25 in the old controller's register
        String old = newController();
        String successor = newController();
        String client = KantaSamples.newTestIdentityCode();
        RequestContext oldWorker = context(old);
        RequestContext newWorker = context(successor);
        KantaSamples.Builder first = KantaSamples.document().controller(old).client(client).serviceTask("24");
        byte[] firstBytes = first.build();
        archiving.archive(firstBytes, oldWorker);
        String second = archive(KantaSamples.document().controller(old).client(client).serviceTask("24"), oldWorker);
        String staying = archive(KantaSamples.document().controller(old).client(client).serviceTask("25"), oldWorker);

        // when the change of task 24 is requested, its impact counted, every document assigned and it is completed
        ControllerChange change = changes.request(new ControllerChangeRequest(new ControllerChangeScope(old, List.of(),
                List.of("24"), List.of()), successor, "wellbeing services county takes over", LocalDate.now()), oldWorker);
        ControllerChangeImpact impact = changes.impact(change.id());
        AssignedRange assigned = changes.assignRange(change, null, null, null, 100);
        assertThat(assigned.picked()).isEqualTo(2);
        assertThat(assigned.assigned()).isEqualTo(2);
        assertThat(List.of(assigned.first(), assigned.last())).containsExactlyInAnyOrder(first.oidValue(), second);
        assertThatThrownBy(() -> reading.content(DocumentOid.of(second), newWorker)).as("not before the completion")
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_ACCESS_TO_REGISTER));
        assertThat(changes.assignRange(change, null, null, null, 100).assigned())
                .as("a step taken again assigns nothing twice").isZero();
        assertThat(changes.assignRange(change, null, assigned.last(), null, 100).picked())
                .as("nothing of the scope after its last document").isZero();
        ControllerChangeVerification verification = changes.verify(change.id(), impact.total().documents(), 5);
        ControllerChange completed = changes.complete(change.id(), "operator-1");

        // then the impact counted the scope without changing anything
        assertThat(impact.parts()).extracting(ControllerChangeImpact.Part::part, ControllerChangeImpact.Part::documents,
                ControllerChangeImpact.Part::clients).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "service task 24", 2L, 1L));
        assertThat(impact.total().bytes()).isPositive();
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.samples()).hasSize(2);
        assertThat(completed.assignedCount()).isEqualTo(2);

        // and the new controller reads them as its own register, the bytes as archived, the custodian unchanged
        assertThat(reading.content(DocumentOid.of(first.oidValue()), newWorker).bytes()).isEqualTo(firstBytes);
        DisclosedMetadata metadata = reading.disclosedMetadata(DocumentOid.of(second), newWorker);
        assertThat(metadata.basis()).isEqualTo(AccessBasis.OWN_REGISTER);
        assertThat(metadata.currentController()).isEqualTo(successor);
        assertThat(metadata.document().metadata().controllerOid()).isEqualTo(old);
        assertThat(listed(client, newWorker)).containsExactlyInAnyOrder(first.oidValue(), second);

        // and the old controller is refused them with the rule's own code, keeps task 25 and no longer lists task 24
        assertThatThrownBy(() -> reading.content(DocumentOid.of(second), oldWorker)).isInstanceOfSatisfying(
                ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTER_CONTROLLER_CHANGED));
        assertThat(reading.content(DocumentOid.of(staying), oldWorker).bytes()).isNotEmpty();
        assertThat(listed(client, oldWorker)).containsExactly(staying);

        // and the records refuse any change below the application
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThatThrownBy(() -> jdbc.update("UPDATE archive.controller_assignment SET new_controller_oid = ?"
                + " WHERE document_oid = ?", old, second)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM archive.controller_assignment WHERE document_oid = ?",
                second)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE archive.controller_change SET reason = 'other' WHERE id = ?",
                change.id())).hasMessageContaining("never changes again");
        assertThat(jdbc.queryForObject("SELECT controller_oid FROM archive.document_version WHERE document_oid = ?",
                String.class, second)).isEqualTo(old);
    }

    @Test
    void theSweepAssignsWhatWasArchivedBehindThePartitionsAndTheVerificationFindsTheScopeWhole() {
        // given a change of task 24 whose partition went through its first document only, and a second archived
        // behind it (in the moment before every instance saw the pause)
        String old = newController();
        String client = KantaSamples.newTestIdentityCode();
        archive(KantaSamples.document().controller(old).client(client).serviceTask("24"), context(old));
        archive(KantaSamples.document().controller(old).client(client).serviceTask("24"), context(old));
        ControllerChange change = changes.request(new ControllerChangeRequest(new ControllerChangeScope(old, List.of(),
                List.of("24"), List.of()), newController(), "wellbeing services county takes over", LocalDate.now()),
                context(old));
        assertThat(changes.assignRange(change, null, null, null, 1).assigned()).isEqualTo(1);
        assertThat(changes.verify(change.id(), 2, 5).problems()).as("one of the scope not yet assigned")
                .containsExactly("1 documents of the scope are not assigned");

        // when the verification's sweep runs, and again
        long swept = changes.sweep(change, 10);
        long again = changes.sweep(change, 10);

        // then it assigned the one left, once, and the scope verifies whole
        assertThat(swept).isEqualTo(1);
        assertThat(again).isZero();
        ControllerChangeVerification verification = changes.verify(change.id(), 2, 5);
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.assigned()).isEqualTo(2);
        assertThat(verification.documentsAfter()).isEqualTo(2);
    }

    @Test
    void theRegistersLogGoesWithItTheNewControllersExtractHoldsItsWholeHistoryAndTheOldOnesNoLonger() {
        // given a document of task 24 archived and read by the old controller, and one of task 25 that stays
        String old = newController();
        String successor = newController();
        String client = KantaSamples.newTestIdentityCode();
        RequestContext oldWorker = context(old);
        RequestContext newWorker = context(successor);
        String moved = archive(KantaSamples.document().controller(old).client(client).serviceTask("24"), oldWorker);
        String staying = archive(KantaSamples.document().controller(old).client(client).serviceTask("25"), oldWorker);
        reading.metadata(DocumentOid.of(moved), oldWorker);
        assertThat(extract(client, oldWorker)).extracting(AccessLogEntry::documentOid)
                .containsExactly(moved, staying, moved);

        // when the change of task 24 completes and the new controller reads the moved document
        completeChange(old, successor, List.of("24"), oldWorker);
        reading.metadata(DocumentOid.of(moved), newWorker);

        // then the new controller's extract holds every use of the moved document, before and after the change, each
        // in its register now, the old controller's uses on the basis they were made on
        List<AccessLogEntry> newExtract = extract(client, newWorker);
        assertThat(newExtract).extracting(AccessLogEntry::operation, AccessLogEntry::organisation,
                AccessLogEntry::documentOid, AccessLogEntry::register, AccessLogEntry::basis).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ARCHIVE", old, moved, successor, "OWN_REGISTER"),
                org.assertj.core.groups.Tuple.tuple("READ_METADATA", old, moved, successor, "OWN_REGISTER"),
                org.assertj.core.groups.Tuple.tuple("READ_METADATA", successor, moved, successor, "OWN_REGISTER"));
        // and the old controller's no longer discloses any use of it, while the document that stayed is there
        List<AccessLogEntry> oldExtract = extract(client, oldWorker);
        assertThat(oldExtract).extracting(AccessLogEntry::documentOid).doesNotContain(moved).contains(staying);
        assertThat(oldExtract).filteredOn(e -> e.documentOid() != null).extracting(AccessLogEntry::register)
                .containsOnly(old);
    }

    @Test
    void aMutualCasesOrganiserIsTheTopicRegistersControllerNowNotItsCustodian() {
        // given a mutual case whose topic document is in the old controller's task 24
        String old = newController();
        String successor = newController();
        String client = KantaSamples.newTestIdentityCode();
        String caseId = "1.2.246.10.98." + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        String topic = archive(KantaSamples.document().controller(old).client(client).serviceTask("24")
                .caseId(caseId), context(old));
        new JdbcTemplate(dataSource).update("INSERT INTO archive.mutual_case_party (topic_document_oid, case_id,"
                + " party_id, party_from) VALUES (?, ?, ?, ?)", topic, caseId, client, java.sql.Date.valueOf(
                LocalDate.of(2020, 1, 1)));
        assertThat(reading.disclosedMetadata(DocumentOid.of(topic), context(old)).mutualCase().organiser())
                .isEqualTo(old);

        // when the change of task 24 completes
        completeChange(old, successor, List.of("24"), context(old));

        // then the case's organiser, as the decision's facts carry it, is the new controller
        DisclosedMetadata metadata = reading.disclosedMetadata(DocumentOid.of(topic), context(successor));
        assertThat(metadata.mutualCase().caseId()).isEqualTo(caseId);
        assertThat(metadata.mutualCase().organiser()).isEqualTo(successor);
    }

    @Test
    void anAbandonedChangeResumesArchivingIntoItsScopeLeavesAccessAsItWasAndALaterChangeMovesTheScope() {
        // given a change of task 24 whose run paused archiving, assigned one of the two documents and failed
        String old = newController();
        String successor = newController();
        String client = KantaSamples.newTestIdentityCode();
        RequestContext oldWorker = context(old);
        RequestContext newWorker = context(successor);
        String assigned = archive(KantaSamples.document().controller(old).client(client).serviceTask("24"), oldWorker);
        String unassigned = archive(KantaSamples.document().controller(old).client(client).serviceTask("24"),
                oldWorker);
        ControllerChange change = changes.request(new ControllerChangeRequest(new ControllerChangeScope(old, List.of(),
                List.of("24"), List.of()), successor, "merger", LocalDate.now()), oldWorker);
        changes.pause(change.id());
        assertThat(changes.assign(change, List.of(assigned))).isEqualTo(1);
        pauses.refresh();
        KantaSamples.Builder waiting = KantaSamples.document().controller(old).client(client).serviceTask("24");
        byte[] waitingBytes = waiting.build();
        assertRefused(() -> archiving.archive(waitingBytes, oldWorker),
                ErrorCode.ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE);

        // when an operator abandons it
        ControllerChange abandoned = abandonment.abandon(change.id(), "operator-2", "object store lost a document");
        pauses.refresh();

        // then it is recorded abandoned with who and why, never completes, and the abandonment is audited
        assertThat(abandoned.status()).isEqualTo(ControllerChange.Status.ABANDONED);
        assertThat(abandoned.abandonedBy()).isEqualTo("operator-2");
        assertThat(abandoned.abandonReason()).isEqualTo("object store lost a document");
        assertThat(abandonment.abandon(change.id(), "operator-3", "again").abandonedBy())
                .as("abandoning again changes nothing").isEqualTo("operator-2");
        assertThatThrownBy(() -> changes.complete(change.id(), "operator-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JdbcTemplate(dataSource).update("UPDATE archive.controller_change SET"
                + " completed_at = now(), completed_by_user = 'x', assigned_count = 1 WHERE id = ?", change.id()))
                .hasMessageContaining("never changes again");
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT detail FROM archive.audit_event WHERE"
                + " operation = 'CONTROLLER_CHANGE_ABANDON' AND detail LIKE ?", String.class, "%" + change.id() + "%"))
                .contains("by operator-2: object store lost a document").contains("1 assignments written stay");

        // and archiving into the scope resumed: what waited is archived, into the old controller's register
        assertThat(changes.paused()).extracting(ControllerChange::id).doesNotContain(change.id());
        assertThat(archiving.archive(waitingBytes, oldWorker).created()).isTrue();

        // and access is as before the change: the assignment written stays without effect
        assertThat(changes.assignedCount(change.id())).isEqualTo(1);
        assertThat(reading.disclosedMetadata(DocumentOid.of(assigned), oldWorker).basis())
                .isEqualTo(AccessBasis.OWN_REGISTER);
        assertRefused(() -> reading.content(DocumentOid.of(assigned), newWorker), ErrorCode.NO_ACCESS_TO_REGISTER);
        assertThat(listed(client, oldWorker)).containsExactlyInAnyOrder(assigned, unassigned, waiting.oidValue());
        assertThat(listed(client, newWorker)).isEmpty();
        assertThat(extract(client, newWorker)).extracting(AccessLogEntry::documentOid).containsOnlyNulls();

        // and a later change of the same scope is no conflict and moves every document, the abandoned one's too
        ControllerChange later = completeChange(old, successor, List.of("24"), oldWorker);
        assertThat(later.assignedCount()).isEqualTo(3);
        assertThat(listed(client, newWorker)).containsExactlyInAnyOrder(assigned, unassigned, waiting.oidValue());
        assertRefused(() -> reading.content(DocumentOid.of(assigned), oldWorker),
                ErrorCode.REGISTER_CONTROLLER_CHANGED);
    }

    @Test
    void aChangeOfTheRestOfARegisterLeavesWhatAnEarlierChangeMovedAway() {
        // given A's documents of tasks 24 and 25, task 24 passed to B
        String a = newController();
        String b = newController();
        String d = newController();
        String client = KantaSamples.newTestIdentityCode();
        String moved = archive(KantaSamples.document().controller(a).client(client).serviceTask("24"), context(a));
        String rest = archive(KantaSamples.document().controller(a).client(client).serviceTask("25"), context(a));
        completeChange(a, b, List.of("24"), context(a));

        // when A's whole register is changed to D and run
        ControllerChange change = changes.request(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(a),
                d, "the rest of the register", LocalDate.now()), context(a));
        AssignedRange range = changes.assignRange(change, null, null, null, 1000);
        ControllerChangeVerification verification = changes.verify(change.id(), 1, 5);
        changes.complete(change.id(), "operator-1");

        // then the run went through both rows A archived and assigned only the one still in A's register
        assertThat(range.picked()).isEqualTo(2);
        assertThat(range.assigned()).isEqualTo(1);
        assertThat(verification.problems()).isEmpty();
        assertThat(listed(client, context(d))).containsExactly(rest);
        assertThat(listed(client, context(b))).containsExactly(moved);
        assertThat(listed(client, context(a))).isEmpty();
    }

    @Test
    void aChangeOfARegisterMovesAlsoTheDocumentsAnEarlierChangeMovedIntoIt() {
        // given A's documents of tasks 24 and 25, task 24 passed to B, and B's own document
        String a = newController();
        String b = newController();
        String c = newController();
        String client = KantaSamples.newTestIdentityCode();
        String fromA = archive(KantaSamples.document().controller(a).client(client).serviceTask("24"), context(a));
        String staysWithA = archive(KantaSamples.document().controller(a).client(client).serviceTask("25"), context(a));
        completeChange(a, b, List.of("24"), context(a));
        String ownOfB = archive(KantaSamples.document().controller(b).client(client).serviceTask("24"), context(b));

        // when B's whole register is changed to C: counted, paused, run and completed
        ControllerChange change = changes.request(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(b),
                c, "second merger", LocalDate.now()), context(b));
        ControllerChangeImpact impact = changes.impact(change.id());
        changes.pause(change.id());
        pauses.refresh();
        KantaSamples.Builder lateOfA = KantaSamples.document().controller(a).client(client).serviceTask("24");
        byte[] lateBytes = lateOfA.build();
        assertRefused(() -> archiving.archive(lateBytes, context(a)), ErrorCode.ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE);
        String otherTaskOfA = archive(KantaSamples.document().controller(a).client(client).serviceTask("25"),
                context(a));
        changes.assignRange(change, null, null, null, 1000);
        assertThat(changes.verify(change.id(), impact.total().documents(), 5).problems()).isEmpty();
        ControllerChange completed = changes.complete(change.id(), "operator-1");
        changes.resume(change.id());
        pauses.refresh();

        // then the change counted and moved what came to B by the earlier change and B's own, nothing of A's task 25
        assertThat(impact.total().documents()).isEqualTo(2);
        assertThat(completed.assignedCount()).isEqualTo(2);
        assertThat(listed(client, context(c))).containsExactlyInAnyOrder(fromA, ownOfB);
        assertThat(reading.disclosedMetadata(DocumentOid.of(fromA), context(c)).basis())
                .isEqualTo(AccessBasis.OWN_REGISTER);
        assertThat(listed(client, context(b))).isEmpty();
        assertRefused(() -> reading.content(DocumentOid.of(ownOfB), context(b)), ErrorCode.REGISTER_CONTROLLER_CHANGED);
        assertRefused(() -> reading.content(DocumentOid.of(fromA), context(a)), ErrorCode.REGISTER_CONTROLLER_CHANGED);
        assertThat(listed(client, context(a))).containsExactlyInAnyOrder(staysWithA, otherTaskOfA);
        // and the register's log went along to C
        assertThat(extract(client, context(c))).extracting(AccessLogEntry::documentOid).contains(fromA, ownOfB);
        assertThat(extract(client, context(b))).extracting(AccessLogEntry::documentOid).doesNotContain(fromA, ownOfB);

        // and what waited in A's queue follows both changes to C once archived
        assertThat(archiving.archive(lateBytes, context(a)).created()).isTrue();
        assertThat(listed(client, context(c))).containsExactlyInAnyOrder(fromA, ownOfB, lateOfA.oidValue());
    }

    @Test
    void whileAChangeRunsArchivingIntoItsScopeIsPausedAndIntoOtherScopesGoesOn() {
        // given a change of the old controller's task 24 whose run has paused archiving
        String old = newController();
        String client = KantaSamples.newTestIdentityCode();
        RequestContext oldWorker = context(old);
        ControllerChange change = changes.request(new ControllerChangeRequest(new ControllerChangeScope(old, List.of(),
                List.of("24"), List.of()), newController(), "merger", LocalDate.now()), oldWorker);
        changes.pause(change.id());
        pauses.refresh();

        // when documents of the scope and outside it arrive
        KantaSamples.Builder paused = KantaSamples.document().controller(old).client(client).serviceTask("24");
        byte[] pausedBytes = paused.build();
        String otherTask = archive(KantaSamples.document().controller(old).client(client).serviceTask("25"), oldWorker);

        // then the scope's is answered to retry later and nothing of it is stored; the other is archived
        assertThatThrownBy(() -> archiving.archive(pausedBytes, oldWorker)).isInstanceOfSatisfying(
                ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE));
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM archive.document_version"
                + " WHERE document_oid = ?", Long.class, paused.oidValue())).isZero();
        assertThat(otherTask).isNotNull();

        // and once resumed the same document is archived
        changes.resume(change.id());
        pauses.refresh();
        assertThat(archiving.archive(pausedBytes, oldWorker).created()).isTrue();
    }

    @Test
    void aChangeIsRequestedByOneOfTheControllersAndNeverOverlapsAnotherNotYetCompleted() {
        // given a pending change of the whole register
        String old = newController();
        String successor = newController();
        changes.request(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(old), successor, "merger",
                LocalDate.now()), context(successor));

        // when / then an overlapping change, a stranger's request and a bad one are refused with their codes
        assertRefused(() -> changes.request(new ControllerChangeRequest(new ControllerChangeScope(old, List.of(),
                List.of("24"), List.of()), newController(), "again", LocalDate.now()), context(old)),
                ErrorCode.CONTROLLER_CHANGE_CONFLICT);
        assertRefused(() -> changes.request(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(
                newController()), newController(), "x", LocalDate.now()), context(newController())),
                ErrorCode.ACCESS_DENIED);
        assertRefused(() -> changes.request(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(old), old,
                "x", LocalDate.now()), context(old)), ErrorCode.INVALID_REQUEST);
    }

    private List<AccessLogEntry> extract(String client, RequestContext context) {
        return logs.page(new AccessLogRequest(client, logs.freeFrom(), logs.today(), null, 0, 50), context).entries();
    }

    /** Requests, assigns, verifies and completes a change of the service tasks, as the job does. */
    private ControllerChange completeChange(String old, String successor, List<String> tasks, RequestContext by) {
        ControllerChange change = changes.request(new ControllerChangeRequest(new ControllerChangeScope(old, List.of(),
                tasks, List.of()), successor, "wellbeing services county takes over", LocalDate.now()), by);
        ControllerChangeImpact impact = changes.impact(change.id());
        changes.assignRange(change, null, null, null, 1000);
        assertThat(changes.verify(change.id(), impact.total().documents(), 5).problems()).isEmpty();
        return changes.complete(change.id(), "operator-1");
    }

    private String archive(KantaSamples.Builder builder, RequestContext context) {
        return archiving.archive(builder.build(), context).document().oid().value();
    }

    private List<String> listed(String client, RequestContext context) {
        List<String> oids = new ArrayList<>();
        for (ListedDocument item : reading.clientDocuments(client, ClientDocumentsQuery.firstPage(), context).items()) {
            oids.add(item.document().oid().value());
        }
        return oids;
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private static RequestContext context(String organisation) {
        return new RequestContext(Oid.of(organisation), "sosiaalityontekija-7", RequestContext.OWN_REGISTER_USE);
    }

    private static String newController() {
        return "1.2.246.10." + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999) + ".10.0";
    }
}

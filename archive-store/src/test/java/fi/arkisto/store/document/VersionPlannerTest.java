package fi.arkisto.store.document;

import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The version rules of a set, judged from the set's head and the new metadata alone (no database, no Spring). */
class VersionPlannerTest {

    private static final String SET = "1.2.246.10.99999999.10.1";
    private static final String CONTROLLER = "1.2.246.10.99999999";

    @Test
    void versionOneOfANewSetStartsIt() {
        // given / when
        VersionPlan plan = VersionPlanner.plan(null, version(1, null, null));

        // then
        assertThat(plan).isEqualTo(new VersionPlan.StartsSet());
    }

    @Test
    void versionOneOfASetThatHasAHeadConflicts() {
        // given
        SetHead head = head(1, DocumentStatus.ACTIVE);

        // when
        VersionPlan plan = VersionPlanner.plan(head, version(1, null, null));

        // then
        assertRefused(plan, ErrorCode.VERSION_CONFLICT, "already has version 1; a new version must be 2");
    }

    @Test
    void theNextVersionWithAReasonReplacesTheActiveHead() {
        // given
        SetHead head = head(1, DocumentStatus.ACTIVE);

        // when
        VersionPlan plan = VersionPlanner.plan(head, version(2, "typo in the diagnosis", head.oid()));

        // then
        assertThat(plan).isEqualTo(new VersionPlan.Replaces(head));
    }

    @Test
    void aReplacementWithoutAReasonOfCorrectionIsRefusedBeforeTheHeadIsLookedAt() {
        // given / when
        VersionPlan plan = VersionPlanner.plan(null, version(2, " ", null));

        // then
        assertRefused(plan, ErrorCode.CORRECTION_REASON_REQUIRED, "needs hl7fi:reasonOfCorrection");
    }

    @Test
    void aReplacementOfASetWithoutAnArchivedVersionConflicts() {
        // given / when
        VersionPlan plan = VersionPlanner.plan(null, version(2, "correction", null));

        // then
        assertRefused(plan, ErrorCode.VERSION_CONFLICT, "has no archived version 1 for version 2 to replace");
    }

    @Test
    void aNullifiedHeadCannotBeReplaced() {
        // given
        SetHead head = head(1, DocumentStatus.NULLIFIED);

        // when
        VersionPlan plan = VersionPlanner.plan(head, version(2, "correction", null));

        // then
        assertRefused(plan, ErrorCode.DOCUMENT_NULLIFIED, "was nullified and cannot be replaced");
    }

    @Test
    void aVersionThatSkipsOneConflicts() {
        // given
        SetHead head = head(1, DocumentStatus.ACTIVE);

        // when
        VersionPlan plan = VersionPlanner.plan(head, version(3, "correction", null));

        // then
        assertRefused(plan, ErrorCode.VERSION_CONFLICT, "is at version 1; version 3 does not follow it");
    }

    @Test
    void aVersionNamingAnotherDocumentThanTheHeadConflicts() {
        // given
        SetHead head = head(1, DocumentStatus.ACTIVE);

        // when
        VersionPlan plan = VersionPlanner.plan(head, version(2, "correction", SET + ".999"));

        // then
        assertRefused(plan, ErrorCode.VERSION_CONFLICT, "names " + SET + ".999 as the version it replaces");
    }

    @Test
    void anItemPlannedEarlierInABatchIsTheHeadOfTheNextVersion() {
        // given: version 1 and 2 of a new set in one list, walked in version order
        DocumentMetadata first = version(1, null, null);
        VersionPlan firstPlan = VersionPlanner.plan(null, first);

        // when
        VersionPlan secondPlan = VersionPlanner.plan(SetHead.of(first, CONTROLLER), version(2, "correction", null));

        // then
        assertThat(firstPlan).isEqualTo(new VersionPlan.StartsSet());
        assertThat(secondPlan).isEqualTo(new VersionPlan.Replaces(
                new SetHead(first.documentOid().value(), 1, DocumentStatus.ACTIVE, CONTROLLER, CONTROLLER)));
    }

    private static SetHead head(int version, DocumentStatus status) {
        return new SetHead(SET + "." + version, version, status, CONTROLLER, CONTROLLER);
    }

    private static DocumentMetadata version(int version, String reason, String replaces) {
        return new DocumentMetadata(DocumentOid.of(SET + "." + version), SET, version, "010199-999X", "1.2.246.21",
                CONTROLLER, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, replaces, reason, null, "fi", null);
    }

    private static void assertRefused(VersionPlan plan, ErrorCode code, String detail) {
        assertThat(plan).isInstanceOfSatisfying(VersionPlan.Refused.class, refused -> {
            assertThat(refused.error().code()).isEqualTo(code);
            assertThat(refused.error().detail()).contains(detail);
        });
    }
}

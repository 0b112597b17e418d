package fi.arkisto.batch.migration;

import fi.arkisto.store.access.RequestContext;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stores one chunk: archivable documents through the archive's bulk path (object before metadata, idempotent,
 * audited), their ledger entries, and every reject, all inside the chunk transaction. A legacy id that an earlier
 * migration already archived is skipped when its source bytes are the same and rejected as LEGACY_DUPLICATE_ID
 * when they differ. Per-item refusals of the archive (a failed check, a conflict) become rejects with the archive's
 * own error code; only infrastructure failures escape and fail the step, which a restart then resumes.
 */
class MigrationWriter implements ItemWriter<MigrationItem> {

    private final long jobInstanceId;
    private final RequestContext context;
    private final DocumentArchive archive;
    private final MigrationLedger ledger;
    private final MigrationRejects rejects;

    MigrationWriter(long jobInstanceId, RequestContext context, DocumentArchive archive, MigrationLedger ledger,
                    MigrationRejects rejects) {
        this.jobInstanceId = jobInstanceId;
        this.context = context;
        this.archive = archive;
        this.ledger = ledger;
        this.rejects = rejects;
    }

    @Override
    public void write(Chunk<? extends MigrationItem> chunk) {
        String controller = context.organisation().value();
        List<MigrationItem.Rejected> rejected = new ArrayList<>();
        List<MigrationItem.Archivable> candidates = new ArrayList<>();
        for (MigrationItem item : chunk) {
            if (item instanceof MigrationItem.Rejected r) {
                rejected.add(r);
            } else if (item instanceof MigrationItem.Archivable a) {
                candidates.add(a);
            }
        }
        Map<String, MigrationLedger.Entry> earlier = ledger.find(controller, candidates.stream().map(MigrationItem.Archivable::legacyId).toList());
        List<MigrationItem.Archivable> toArchive = new ArrayList<>(candidates.size());
        for (MigrationItem.Archivable item : candidates) {
            MigrationLedger.Entry entry = earlier.get(item.legacyId());
            if (entry == null) {
                toArchive.add(item);
            } else if (!entry.sourceSha256().equals(item.sourceSha256())) {
                rejected.add(new MigrationItem.Rejected(item.rowNumber(), item.legacyId(), ErrorCode.LEGACY_DUPLICATE_ID,
                        "Legacy id already migrated from different content (migration " + entry.jobInstanceId()
                                + ", row " + entry.rowNumber() + ")"));
            }
        }
        List<MigrationLedger.Migrated> migrated = new ArrayList<>(toArchive.size());
        if (!toArchive.isEmpty()) {
            List<DocumentArchive.Result> results = archive.archiveAll(toArchive.stream().map(MigrationItem.Archivable::cda).toList(), context);
            for (int i = 0; i < toArchive.size(); i++) {
                MigrationItem.Archivable item = toArchive.get(i);
                DocumentArchive.Result result = results.get(i);
                if (result.error() != null) {
                    rejected.add(new MigrationItem.Rejected(item.rowNumber(), item.legacyId(), result.error().code(),
                            result.error().detail()));
                } else {
                    migrated.add(new MigrationLedger.Migrated(item, result.outcome().document().sha256()));
                }
            }
        }
        ledger.insert(jobInstanceId, controller, migrated);
        rejects.insert(jobInstanceId, controller, rejected);
    }
}

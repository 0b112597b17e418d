package fi.arkisto.batch.migration;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.DocumentCheck;
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
 * own error code; only infrastructure failures escape and fail the step, which a restart then resumes. Documents too
 * large to hold arrive as work files and are archived one by one through the archive's streaming path.
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
        try {
            store(chunk);
        } finally {
            // a work file is made again from the legacy file if the chunk is processed again (retry, restart)
            for (MigrationItem item : chunk) {
                if (item instanceof MigrationItem.ArchivableFile file) {
                    WorkFiles.deleteQuietly(file.cda());
                }
            }
        }
    }

    private void store(Chunk<? extends MigrationItem> chunk) {
        String controller = context.organisation().value();
        List<MigrationItem.Rejected> rejected = new ArrayList<>();
        List<MigrationItem.ToArchive> candidates = new ArrayList<>();
        for (MigrationItem item : chunk) {
            if (item instanceof MigrationItem.Rejected r) {
                rejected.add(r);
            } else if (item instanceof MigrationItem.ToArchive a) {
                candidates.add(a);
            }
        }
        Map<String, MigrationLedger.Entry> earlier = ledger.find(controller, candidates.stream().map(MigrationItem::legacyId).toList());
        List<MigrationItem.Archivable> inMemory = new ArrayList<>(candidates.size());
        List<MigrationItem.ArchivableFile> files = new ArrayList<>();
        for (MigrationItem.ToArchive item : candidates) {
            MigrationLedger.Entry entry = earlier.get(item.legacyId());
            if (entry != null && !entry.sourceSha256().equals(item.sourceSha256())) {
                rejected.add(new MigrationItem.Rejected(item.rowNumber(), item.legacyId(), ErrorCode.LEGACY_DUPLICATE_ID,
                        "Legacy id already migrated from different content (migration " + entry.jobInstanceId()
                                + ", row " + entry.rowNumber() + ")"));
            } else if (entry == null && item instanceof MigrationItem.Archivable a) {
                inMemory.add(a);
            } else if (entry == null && item instanceof MigrationItem.ArchivableFile f) {
                files.add(f);
            }
        }
        List<MigrationLedger.Migrated> migrated = new ArrayList<>(candidates.size());
        if (!inMemory.isEmpty()) {
            List<DocumentArchive.Result> results = archive.archiveAll(inMemory.stream().map(MigrationItem.Archivable::cda).toList(),
                    inMemory.stream().map(this::rowCheck).toList(), context);
            for (int i = 0; i < inMemory.size(); i++) {
                record(inMemory.get(i), results.get(i), migrated, rejected);
            }
        }
        for (MigrationItem.ArchivableFile file : files) {
            record(file, archive.archive(file.cda(), rowCheck(file), context), migrated, rejected);
        }
        ledger.insert(jobInstanceId, controller, migrated);
        rejects.insert(jobInstanceId, controller, rejected);
    }

    private static void record(MigrationItem.ToArchive item, DocumentArchive.Result result, List<MigrationLedger.Migrated> migrated,
                               List<MigrationItem.Rejected> rejected) {
        if (result.error() != null) {
            rejected.add(new MigrationItem.Rejected(item.rowNumber(), item.legacyId(), result.error().code(), result.error().detail()));
        } else {
            migrated.add(new MigrationLedger.Migrated(item, result.outcome().document().oid().value(),
                    result.outcome().document().sha256()));
        }
    }

    private DocumentCheck rowCheck(MigrationItem.ToArchive item) {
        return KantaDocumentRow.agreement(item.row(), context.organisation());
    }
}

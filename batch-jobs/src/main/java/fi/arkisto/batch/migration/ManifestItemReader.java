package fi.arkisto.batch.migration;

import org.springframework.batch.item.support.AbstractItemCountingItemStreamItemReader;

import java.nio.file.Path;

/**
 * Reads one partition's row range {@code (fromRow, toRow]} of a package manifest. Restart is Spring Batch's:
 * the committed read count is in the step's execution context and {@link #open} skips the rows before it
 * (parsing them again is far cheaper than archiving them, and keeps the reader free of file offsets).
 */
class ManifestItemReader extends AbstractItemCountingItemStreamItemReader<ManifestRow> {

    private final Path packageLocation;
    private LegacyPackage legacyPackage;
    private ManifestCsv csv;

    ManifestItemReader(Path packageLocation, long fromRow, long toRow) {
        this.packageLocation = packageLocation;
        setName("manifest");
        setCurrentItemCount(Math.toIntExact(fromRow));
        setMaxItemCount(Math.toIntExact(toRow));
    }

    @Override
    protected void doOpen() {
        legacyPackage = LegacyPackage.open(packageLocation);
        csv = new ManifestCsv(legacyPackage.openManifest());
    }

    @Override
    protected ManifestRow doRead() {
        return csv.next();
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        while (csv.rowNumber() < itemIndex && csv.next() != null) {
            // skipping rows an earlier execution (or another partition) owns
        }
    }

    @Override
    protected void doClose() {
        if (csv != null) {
            csv.close();
            csv = null;
        }
        if (legacyPackage != null) {
            legacyPackage.close();
            legacyPackage = null;
        }
    }
}

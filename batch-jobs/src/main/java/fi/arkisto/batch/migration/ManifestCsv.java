package fi.arkisto.batch.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Streams the rows of {@code manifest.csv} (RFC 4180, UTF-8, optional BOM, header row) with Apache Commons CSV:
 * one record in memory at a time, so a manifest of a million rows reads in constant memory. A row whose field
 * count differs from the header is returned as {@linkplain ManifestRow#unreadable unreadable} (and rejected like
 * any bad row); broken quoting or invalid UTF-8 corrupt everything after them and fail the read instead.
 */
final class ManifestCsv implements Closeable {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<ManifestColumn, Integer> positions = new EnumMap<>(ManifestColumn.class);
    private final int headerSize;
    private long rowNumber;

    ManifestCsv(InputStream manifest) {
        try {
            var reader = new BufferedReader(new InputStreamReader(skipBom(manifest), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
            this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IOException | IllegalArgumentException e) {
            throw new ManifestFailure("manifest.csv has no readable header row: " + innermostMessage(e), e);
        }
        List<String> header = parser.getHeaderNames();
        headerSize = header.size();
        for (ManifestColumn column : ManifestColumn.values()) {
            int index = header.indexOf(column.header());
            if (index >= 0) {
                positions.put(column, index);
            } else if (column.requiredColumn()) {
                close();
                throw new ManifestFailure("manifest.csv lacks the required column " + column.header(), null);
            }
        }
        this.records = parser.iterator();
    }

    /** The next row, or {@code null} at the end of the manifest. */
    ManifestRow next() {
        boolean more;
        try {
            more = records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ManifestFailure("manifest.csv cannot be read after row " + rowNumber + ": " + innermostMessage(e), e);
        }
        if (!more) {
            return null;
        }
        CSVRecord record = records.next();
        rowNumber++;
        if (record.size() != headerSize) {
            return ManifestRow.unreadable(rowNumber,
                    "Row has " + record.size() + " fields, the header has " + headerSize);
        }
        Map<ManifestColumn, String> values = new EnumMap<>(ManifestColumn.class);
        positions.forEach((column, index) -> values.put(column, record.get(index)));
        return new ManifestRow(rowNumber, values, null);
    }

    long rowNumber() {
        return rowNumber;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message of the innermost cause (the CSV parser's "Invalid character ... at line: 4"), without class names. */
    private static String innermostMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    static boolean isManifestFailure(Throwable t) {
        return t instanceof ManifestFailure;
    }

    /** The manifest as a whole cannot be read (on): no row-level reject can describe that, the job must stop. */
    static final class ManifestFailure extends ArchiveException {
        ManifestFailure(String detail, Throwable cause) {
            super(ErrorCode.LEGACY_MANIFEST_INVALID, detail, cause);
        }
    }

    private static InputStream skipBom(InputStream in) throws IOException {
        // a UTF-8 byte order mark before the header is skipped (spreadsheets write one)
        return BOMInputStream.builder().setInputStream(in).get();
    }
}

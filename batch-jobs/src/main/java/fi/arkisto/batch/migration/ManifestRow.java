package fi.arkisto.batch.migration;

import java.util.Map;

/**
 * One data row of {@code manifest.csv} exactly as written, before validation: its 1-based row number (the
 * header is row 0) and the raw text of each column (empty text counts as absent). A row that could not even be
 * read as CSV carries a {@code readProblem} instead of values, so it is rejected with its row number like any
 * other bad row.
 */
public record ManifestRow(long rowNumber, Map<ManifestColumn, String> values, String readProblem) {

    public ManifestRow {
        values = values == null || values.isEmpty() ? Map.of() : Map.copyOf(values);
    }

    public static ManifestRow unreadable(long rowNumber, String problem) {
        return new ManifestRow(rowNumber, Map.of(), problem);
    }

    /** The trimmed value, or {@code null} when the column is absent or blank. */
    public String get(ManifestColumn column) {
        String value = values.get(column);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    public String legacyId() {
        return get(ManifestColumn.LEGACY_ID);
    }
}

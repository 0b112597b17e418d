package fi.arkisto.batch.migration;

/**
 * The columns of a legacy package's {@code manifest.csv} (docs/legacy-package.md). The header row names them;
 * their order in the file is free, unknown extra columns are ignored, and a missing required column refuses
 * the whole package before any row is read.
 */
public enum ManifestColumn {
    LEGACY_ID("legacy_id", true),
    CLIENT_ID("client_id", true),
    SERVICE_TASK("service_task", true),
    DOCUMENT_TYPE("document_type", true),
    TITLE("title", true),
    CREATED("created", true),
    EFFECTIVE("effective", false),
    EVENT_START("event_start", false),
    EVENT_END("event_end", false),
    AUTHOR("author", false),
    CONTROLLER_OID("controller_oid", true),
    SERVICE_UNIT_OID("service_unit_oid", true),
    CASE_ID("case_id", false),
    FILE("file", true),
    MEDIA_TYPE("media_type", true),
    RETENTION_CLASS("retention_class", false),
    RETENTION_EVENT("retention_event", false),
    RETENTION_EVENT_DATE("retention_event_date", false);

    private final String header;
    private final boolean requiredColumn;

    ManifestColumn(String header, boolean requiredColumn) {
        this.header = header;
        this.requiredColumn = requiredColumn;
    }

    public String header() {
        return header;
    }

    public boolean requiredColumn() {
        return requiredColumn;
    }
}

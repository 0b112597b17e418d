package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.Code;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Checks one manifest row against docs/legacy-package.md and types its values. The first problem found is the
 * row's single, precise reject reason (an {@link ArchiveException} whose code names the kind of problem and whose
 * detail names the column); identity codes are masked in every message. Pure: touches no file and no database.
 */
final class RowValidator {

    static final int MAX_LEGACY_ID = 200;
    static final int MAX_TITLE = 500;
    private static final ZoneId FINLAND = ZoneId.of("Europe/Helsinki");

    private final MigrationCodes codes;

    RowValidator(MigrationCodes codes) {
        this.codes = codes;
    }

    LegacyDocument validate(ManifestRow row, Oid migratingController) {
        if (row.readProblem() != null) {
            throw invalid(row.readProblem());
        }
        String legacyId = required(row, ManifestColumn.LEGACY_ID);
        if (legacyId.length() > MAX_LEGACY_ID || legacyId.chars().anyMatch(Character::isISOControl)) {
            throw invalid("Column legacy_id must be at most " + MAX_LEGACY_ID + " printable characters");
        }
        String clientText = required(row, ManifestColumn.CLIENT_ID);
        String problem = PersonalIdentityCode.problemWith(clientText);
        if (problem != null) {
            throw new ArchiveException(ErrorCode.INVALID_IDENTITY_CODE, "Column client_id: invalid personal identity code "
                    + mask(clientText) + ": " + problem);
        }
        PersonalIdentityCode client = PersonalIdentityCode.of(clientText);
        Code serviceTask = code(row, ManifestColumn.SERVICE_TASK, MigrationCodes.SERVICE_TASK_SYSTEM, true);
        Code documentType = code(row, ManifestColumn.DOCUMENT_TYPE, MigrationCodes.DOCUMENT_TYPE_SYSTEM, true);
        String title = required(row, ManifestColumn.TITLE);
        if (title.length() > MAX_TITLE) {
            throw invalid("Column title is longer than " + MAX_TITLE + " characters");
        }
        OffsetDateTime created = time(row, ManifestColumn.CREATED);
        OffsetDateTime effective = row.get(ManifestColumn.EFFECTIVE) == null ? created : time(row, ManifestColumn.EFFECTIVE);
        OffsetDateTime eventStart = row.get(ManifestColumn.EVENT_START) == null ? null : time(row, ManifestColumn.EVENT_START);
        OffsetDateTime eventEnd = row.get(ManifestColumn.EVENT_END) == null ? null : time(row, ManifestColumn.EVENT_END);
        if (eventStart != null && eventEnd != null && eventEnd.isBefore(eventStart)) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "Column event_end lies before event_start");
        }
        Oid controller = oid(row, ManifestColumn.CONTROLLER_OID);
        if (!controller.equals(migratingController)) {
            throw new ArchiveException(ErrorCode.ACCESS_DENIED, "Column controller_oid " + controller
                    + " is not the migrating controller " + migratingController);
        }
        Oid serviceUnit = oid(row, ManifestColumn.SERVICE_UNIT_OID);
        Oid caseId = row.get(ManifestColumn.CASE_ID) == null ? null : oid(row, ManifestColumn.CASE_ID);
        String file = LegacyPackage.checkPath(required(row, ManifestColumn.FILE));
        String mediaText = required(row, ManifestColumn.MEDIA_TYPE);
        LegacyMediaType mediaType = LegacyMediaType.of(mediaText).orElseThrow(() -> new ArchiveException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Column media_type: unsupported media type " + abbreviate(mediaText)));
        Code retentionClass = code(row, ManifestColumn.RETENTION_CLASS, MigrationCodes.RETENTION_CLASS_SYSTEM, false);
        String eventText = row.get(ManifestColumn.RETENTION_EVENT);
        RetentionEvent retentionEvent = eventText == null ? null : RetentionEvent.of(eventText).orElseThrow(() ->
                new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "Column retention_event: unknown event " + abbreviate(eventText)));
        LocalDate retentionEventDate = null;
        String eventDate = row.get(ManifestColumn.RETENTION_EVENT_DATE);
        if (eventDate != null) {
            if (retentionEvent == null) {
                throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "Column retention_event_date needs retention_event");
            }
            try {
                retentionEventDate = LocalDate.parse(eventDate);
            } catch (DateTimeParseException e) {
                throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "Column retention_event_date is not a date (YYYY-MM-DD)");
            }
        }
        return new LegacyDocument(row.rowNumber(), legacyId, client, serviceTask, documentType, title, created, effective,
                eventStart, eventEnd, row.get(ManifestColumn.AUTHOR), controller, serviceUnit, caseId, file, mediaType,
                retentionClass, retentionEvent, retentionEventDate);
    }

    private Code code(ManifestRow row, ManifestColumn column, String codeSystem, boolean required) {
        String value = required ? required(row, column) : row.get(column);
        if (value == null) {
            return null;
        }
        return codes.lookup(codeSystem, value).orElseThrow(() -> new ArchiveException(ErrorCode.INVALID_FIELD_VALUE,
                "Column " + column.header() + ": unknown code " + abbreviate(value) + " in code system " + codeSystem));
    }

    private static Oid oid(ManifestRow row, ManifestColumn column) {
        String value = required(row, column);
        if (!Oid.isValid(value)) {
            throw new ArchiveException(ErrorCode.INVALID_OID, "Column " + column.header() + ": not a valid OID: " + abbreviate(value));
        }
        return Oid.of(value);
    }

    /** {@code YYYY-MM-DD}, {@code YYYY-MM-DDTHH:MM[:SS]} (Finnish local time) or ISO 8601 with an offset. */
    static OffsetDateTime time(ManifestRow row, ManifestColumn column) {
        String value = required(row, column);
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(FINLAND).toOffsetDateTime();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(value);
            }
            return LocalDateTime.parse(value).atZone(FINLAND).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "Column " + column.header()
                    + " is not a date or date-time (YYYY-MM-DD[THH:MM[:SS]][+HH:MM]): " + abbreviate(value));
        }
    }

    private static String required(ManifestRow row, ManifestColumn column) {
        String value = row.get(column);
        if (value == null) {
            throw new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, "Column " + column.header() + " is empty");
        }
        return value;
    }

    private static ArchiveException invalid(String detail) {
        return new ArchiveException(ErrorCode.LEGACY_ROW_INVALID, detail);
    }

    /** Identity codes never appear whole in a reason (they end up in reports and logs): the birth date part only. */
    static String mask(String identityCode) {
        return identityCode.length() >= 6 ? identityCode.substring(0, 6) + "*****" : "*****";
    }

    static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}

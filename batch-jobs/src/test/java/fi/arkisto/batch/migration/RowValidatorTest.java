package fi.arkisto.batch.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static fi.arkisto.batch.migration.KantaDocumentWrapperTest.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowValidatorTest {

    private final RowValidator validator = new RowValidator(MigrationCodes.builtIn());

    @Test
    void typesAValidRow() {
        LegacyDocument document = validator.validate(KantaDocumentWrapperTest.row("text/plain; charset=UTF-8", "files/a.txt"), CONTROLLER);
        assertThat(document.mediaType()).isEqualTo(LegacyMediaType.TEXT);
        assertThat(document.effective()).isEqualTo(document.created());
        assertThat(document.serviceTask().displayName()).isEqualTo("Lapsiperheiden palvelut");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "CLIENT_ID|200111A904X|INVALID_IDENTITY_CODE|200111*****",
            "CLIENT_ID||MISSING_REQUIRED_FIELD|client_id",
            "SERVICE_TASK|99|INVALID_FIELD_VALUE|unknown code 99",
            "DOCUMENT_TYPE|77|INVALID_FIELD_VALUE|document_type",
            "CREATED|15.03.2009|INVALID_FIELD_VALUE|created",
            "CONTROLLER_OID|1.2.246.10.87654321.10.0|ACCESS_DENIED|not the migrating controller",
            "SERVICE_UNIT_OID|1.2.03|INVALID_OID|service_unit_oid",
            "FILE|../../etc/passwd|PACKAGE_ENTRY_UNSAFE|outside the package",
            "FILE|/etc/passwd|PACKAGE_ENTRY_UNSAFE|relative",
            "FILE|files\\a.txt|PACKAGE_ENTRY_UNSAFE|relative",
            "MEDIA_TYPE|image/png|UNSUPPORTED_MEDIA_TYPE|image/png",
            "RETENTION_CLASS|8|INVALID_FIELD_VALUE|retention_class",
            "RETENTION_EVENT|MOON_LANDING|INVALID_FIELD_VALUE|retention_event",
            "EVENT_END|2008-01-01|INVALID_FIELD_VALUE|event_end"})
    void rejectsABadValueWithOnePreciseReason(ManifestColumn column, String value, ErrorCode code, String detail) {
        // given a valid row with one bad value
        ManifestRow good = KantaDocumentWrapperTest.row("text/plain", "files/a.txt");
        Map<ManifestColumn, String> values = new EnumMap<>(good.values());
        values.put(column, value == null ? "" : value);

        // then it is refused with that column's problem, and an identity code never appears whole
        assertThatThrownBy(() -> validator.validate(new ManifestRow(5, values, null), CONTROLLER))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.detail()).contains(detail).doesNotContain("200111A904");
                });
    }

    @Test
    void rejectsARowThatCouldNotBeReadAsCsv() {
        assertThatThrownBy(() -> validator.validate(ManifestRow.unreadable(9, "Row has 3 fields, the header has 18"), CONTROLLER))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LEGACY_ROW_INVALID));
    }
}

package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.identity.Oid;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KantaDocumentWrapperTest {

    static final Oid CONTROLLER = Oid.of("1.2.246.10.12345678.10.0");
    private final KantaDocumentWrapper wrapper = new KantaDocumentWrapper(
            new Code("4", KantaDocumentWrapper.DOCUMENT_GROUP_SYSTEM, "Vanha asiakirja"), "1");
    private final RowValidator validator = new RowValidator(MigrationCodes.builtIn());

    static ManifestRow row(String mediaType, String file) {
        Map<ManifestColumn, String> v = new EnumMap<>(ManifestColumn.class);
        v.put(ManifestColumn.LEGACY_ID, "LEG-1");
        v.put(ManifestColumn.CLIENT_ID, "200111A904P");
        v.put(ManifestColumn.SERVICE_TASK, "24");
        v.put(ManifestColumn.DOCUMENT_TYPE, "4");
        v.put(ManifestColumn.TITLE, "Muistio <kotikäynnistä> & \"tapaamisesta\"");
        v.put(ManifestColumn.CREATED, "2009-03-15T10:30:00");
        v.put(ManifestColumn.EVENT_START, "2009-01-01");
        v.put(ManifestColumn.AUTHOR, "Aino Virtanen");
        v.put(ManifestColumn.CONTROLLER_OID, CONTROLLER.value());
        v.put(ManifestColumn.SERVICE_UNIT_OID, "1.2.246.10.12345678.10.1001");
        v.put(ManifestColumn.CASE_ID, "1.2.246.10.12345678.95777.2009.42");
        v.put(ManifestColumn.FILE, file);
        v.put(ManifestColumn.MEDIA_TYPE, mediaType);
        v.put(ManifestColumn.RETENTION_CLASS, "3");
        return new ManifestRow(1, v, null);
    }

    private ParsedDocument wrapAndParse(ManifestRow row, byte[] file) throws Exception {
        LegacyDocument document = validator.validate(row, CONTROLLER);
        DocumentOid oid = LegacyDocumentOids.derive(CONTROLLER, document.legacyId(), 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wrapper.wrap(document, oid, new ByteArrayInputStream(file), out);
        return new CdaParser().parse(out.toByteArray());
    }

    @Test
    void wrapsPlainTextAsAnEscapedXhtmlDisplayFormOfAnOldDocument() throws Exception {
        // given a plain text file with characters XML must escape and one it cannot carry
        byte[] text = "Asiakas & perhe <tapasivat>\u0001 kotona.\nSeuraava käynti".getBytes(StandardCharsets.UTF_8);

        // when it is wrapped and read back with the archive's own parser
        ParsedDocument parsed = wrapAndParse(row("text/plain", "a.txt"), text);

        // then the header carries the row, the group is the old documents' one, and the display form is escaped XHTML
        var m = parsed.metadata();
        assertThat(m.documentOid()).isEqualTo(LegacyDocumentOids.derive(CONTROLLER, "LEG-1", 7));
        assertThat(m.setId()).isEqualTo(m.documentOid().value());
        assertThat(m.versionNumber()).isEqualTo(1);
        assertThat(m.clientId()).isEqualTo("200111A904P");
        assertThat(m.controllerOid()).isEqualTo(CONTROLLER.value());
        assertThat(m.serviceUnitOid()).isEqualTo("1.2.246.10.12345678.10.1001");
        assertThat(m.documentGroup().code()).isEqualTo("4");
        assertThat(m.serviceTask().code()).isEqualTo("24");
        assertThat(m.generalDocumentType().code()).isEqualTo("4");
        assertThat(m.caseId()).isEqualTo("1.2.246.10.12345678.95777.2009.42");
        assertThat(m.retentionPeriodClass().code()).isEqualTo("3");
        assertThat(m.title()).isEqualTo("Muistio <kotikäynnistä> & \"tapaamisesta\"");
        assertThat(m.creationTime().toString()).isEqualTo("2009-03-15T10:30+02:00");
        assertThat(parsed.displayMediaType()).isEqualTo("application/xhtml+xml");
        String xhtml = new String(parsed.displayForm(), StandardCharsets.UTF_8);
        assertThat(xhtml).contains("Asiakas &amp; perhe &lt;tapasivat&gt;\uFFFD kotona.\nSeuraava käynti")
                .startsWith("<div xmlns=\"http://www.w3.org/1999/xhtml\"");
    }

    @Test
    void carriesAPdfByteExactAsANonXmlBody() throws Exception {
        // given a PDF
        byte[] pdf = "%PDF-1.4\n% binary \u00e4\u00f6\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

        // when wrapped
        ParsedDocument parsed = wrapAndParse(row("application/pdf", "a.pdf"), pdf);

        // then the body is the PDF, byte for byte, declared as application/pdf
        assertThat(parsed.displayMediaType()).isEqualTo("application/pdf");
        assertThat(parsed.displayForm()).isEqualTo(pdf);
    }

    @Test
    void carriesXhtmlAsItIs() throws Exception {
        byte[] xhtml = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hei</p></div>".getBytes(StandardCharsets.UTF_8);
        ParsedDocument parsed = wrapAndParse(row("application/xhtml+xml", "a.xhtml"), xhtml);
        assertThat(parsed.displayForm()).isEqualTo(xhtml);
    }

    @Test
    void wrapsTheSameRowAndFileIntoTheSameBytes() throws Exception {
        // given one row and file wrapped twice (a restart re-derives the document)
        LegacyDocument document = validator.validate(row("text/plain", "a.txt"), CONTROLLER);
        DocumentOid oid = LegacyDocumentOids.derive(CONTROLLER, "LEG-1", 7);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        wrapper.wrap(document, oid, new ByteArrayInputStream("x".getBytes()), first);
        wrapper.wrap(document, oid, new ByteArrayInputStream("x".getBytes()), second);

        // then the bytes are identical, and another controller or legacy id gives another OID
        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
        assertThat(LegacyDocumentOids.derive(CONTROLLER, "LEG-2", 7)).isNotEqualTo(oid);
        assertThat(LegacyDocumentOids.derive(Oid.of("1.2.246.10.87654321.10.0"), "LEG-1", 7).value())
                .startsWith("1.2.246.10.87654321.10.0.7.");
    }
}

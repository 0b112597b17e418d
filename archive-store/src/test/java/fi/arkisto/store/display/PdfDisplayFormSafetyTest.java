package fi.arkisto.store.display;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdfDisplayFormSafetyTest {

    private final PdfDisplayFormSafety safety = new PdfDisplayFormSafety();

    /** A one-page PDF whose catalog gets {@code extraCatalog} and whose page gets {@code extraPage}, with a correct xref. */
    static byte[] pdf(String extraCatalog, String extraPage) {
        String content = "BT /F1 11 Tf 50 800 Td (Vanha asiakirja) Tj ET\n";
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R " + extraCatalog + " >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> " + extraPage + " >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void acceptsAPlainPdf() {
        assertThatCode(() -> safety.check(pdf("", ""))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            "/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >> >>",
            "/Names << /EmbeddedFiles << /Names [] >> >>",
            "/AcroForm << /Fields [] /XFA [] >>"})
    void refusesActiveContentInTheCatalog(String catalog) {
        assertThatThrownBy(() -> safety.check(pdf(catalog, "")))
                .isInstanceOfSatisfying(ArchiveException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                        .isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (http://example.com/) >> >>]",
            "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (calc.exe) >> >>]",
            "/AA << /O << /S /JavaScript /JS (x) >> >>"})
    void refusesActionsOnAPage(String page) {
        assertThatThrownBy(() -> safety.check(pdf("", page)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                        .isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE));
    }

    @Test
    void refusesWhatIsNotAPdf() {
        assertThatThrownBy(() -> safety.check("<html/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                        .isEqualTo(ErrorCode.DISPLAY_FORM_MALFORMED));
        assertThatThrownBy(() -> safety.check("%PDF-1.4 garbage".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                        .isEqualTo(ErrorCode.DISPLAY_FORM_MALFORMED));
    }
}

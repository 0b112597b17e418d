package fi.arkisto.store.display;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdfRendererTest {

    private final PdfRenderer renderer = new PdfRenderer();

    @Test
    void rendersTheRealSampleDisplayFormToAPdfWithItsFinnishText() throws IOException {
        // given
        ParsedDocument sample = new CdaParser().parse(DisplayFormSafetyTest.resource("kanta/asiakkuusasiakirja_S.xml"));

        // when
        byte[] pdf = renderer.render(sample.displayForm());

        // then
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Asiakkuusasiakirja")
                    .contains("Palvelunjärjestäjän toimintayksikkö")
                    .contains("Lähiosoite: Vernissakatu 8 C");
            List<String> fonts = new ArrayList<>();
            for (var page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.add(font.getName() + (font.isEmbedded() ? " embedded" : ""));
                }
            }
            assertThat(fonts).anyMatch(f -> f.contains("LiberationSans") && f.endsWith("embedded"));
        }
    }

    @Test
    void rendersSwedishAndSamiLettersToo() throws IOException {
        // given
        byte[] xhtml = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Beslut för Åsa Öberg; Máret Čuoŋžá</p></div>"
                .getBytes(StandardCharsets.UTF_8);

        // when
        byte[] pdf = renderer.render(xhtml);

        // then
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Beslut för Åsa Öberg; Máret Čuoŋžá");
        }
    }

    @Test
    void rendersACompleteXhtmlDocumentWithItsDoctypeAndOwnStyles() throws IOException {
        // given an XHTML 1.1 page (the fileFormat code 2 of the header) rather than a bare <div>
        byte[] xhtml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" "
                + "\"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"fi\">"
                + "<head><title>Päätös</title><style type=\"text/css\">h1 { color: #204060 }</style></head>"
                + "<body><h1>Päätös toimeentulotuesta</h1><table border=\"1\"><tr><th>Kuukausi</th><td>Heinäkuu</td></tr>"
                + "</table></body></html>").getBytes(StandardCharsets.UTF_8);

        // when
        byte[] pdf = renderer.render(xhtml);

        // then
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Päätös toimeentulotuesta")
                    .contains("Kuukausi").contains("Heinäkuu");
        }
    }

    @Test
    void refusesToRenderAnUnsafeDisplayForm() {
        byte[] xhtml = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"http://127.0.0.1:9/x.png\" alt=\"\"/>x</div>"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> renderer.render(xhtml)).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE));
    }
}

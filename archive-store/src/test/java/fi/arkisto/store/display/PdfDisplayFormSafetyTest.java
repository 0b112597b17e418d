package fi.arkisto.store.display;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.SmallPdfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The PDF display form check is an allow list: each crafted PDF below adds one construct a printable PDF/A display
 * form does not need; the first ones passed the earlier deny list. The positive controls are PDFs the archive
 * itself renders and the shapes the legacy migration and its generator write.
 */
class PdfDisplayFormSafetyTest {

    private static final String JS = "<< /Length 26 >>\nstream\napp.launchURL('x', true);\nendstream";
    private final PdfDisplayFormSafety safety = new PdfDisplayFormSafety();

    /**
     * A one-page PDF whose catalog gets {@code extraCatalog}, whose page gets {@code extraPage}, and with
     * {@code extraObjects} as objects 6, 7, ...; with a correct xref.
     */
    static byte[] pdf(String extraCatalog, String extraPage, String... extraObjects) {
        return pdfWithContent("BT /F1 11 Tf 50 800 Td (Vanha asiakirja) Tj ET\n", extraCatalog, extraPage, extraObjects);
    }

    static byte[] pdfWithContent(String content, String extraCatalog, String extraPage, String... extraObjects) {
        String[] base = {
                "<< /Type /Catalog /Pages 2 0 R " + extraCatalog + " >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> " + extraPage + " >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        String[] objects = Stream.concat(Stream.of(base), Stream.of(extraObjects)).toArray(String[]::new);
        return SmallPdfs.of("/Info << /Producer (Arkisto) >>", objects);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // gaps of the earlier deny list
                Arguments.of("an embedded file through a file attachment's file specification (/EF)",
                        pdf("", "/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] "
                                + "/FS << /Type /Filespec /F (ohje.exe) /EF << /F 6 0 R >> >> >>]",
                                "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"), "FileAttachment"),
                Arguments.of("JavaScript in a 3D annotation's /OnInstantiate",
                        pdf("", "/Annots [<< /Type /Annot /Subtype /3D /Rect [0 0 10 10] /3DD 6 0 R >>]",
                                "<< /Type /3D /Subtype /U3D /OnInstantiate 7 0 R /Length 0 >>\nstream\n\nendstream", JS),
                        "3D"),
                Arguments.of("an associated file (PDF/A-3 /AF) in the catalog",
                        pdf("/AF [<< /Type /Filespec /F (liite.xml) /EF << /F 6 0 R >> >>]", "",
                                "<< /Type /EmbeddedFile /Length 2 >>\nstream\n<>\nendstream"), "/AF"),
                Arguments.of("a form (AcroForm) with a widget",
                        pdf("/AcroForm << /Fields [6 0 R] >>", "/Annots [6 0 R]",
                                "<< /Type /Annot /Subtype /Widget /FT /Tx /T (nimi) /Rect [0 0 10 10] >>"), "/AcroForm"),
                Arguments.of("optional content (layers)",
                        pdf("/OCProperties << /OCGs [6 0 R] /D << /ON [6 0 R] >> >>", "",
                                "<< /Type /OCG /Name (Vain näytöllä) >>"), "/OCProperties"),
                Arguments.of("a reference XObject (imports a page of another file)",
                        pdf("", "/Resources << /XObject << /X1 6 0 R >> >>",
                                "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Ref << /F (toinen.pdf) /Page 0 >> "
                                        + "/Length 0 >>\nstream\n\nendstream"), "/Ref"),
                Arguments.of("a PostScript XObject",
                        pdf("", "/Resources << /XObject << /X1 6 0 R >> >>",
                                "<< /Type /XObject /Subtype /PS /Length 8 >>\nstream\nshowpage\nendstream"), "/PS"),
                Arguments.of("a PostScript pass-through operator in the page content",
                        pdfWithContent("(statusdict begin) PS\n", "", ""), "PS operator"),
                Arguments.of("a content stream whose data lies in another file",
                        pdf("", "/Contents 6 0 R", "<< /Length 0 /F (http://evil.example/c) >>\nstream\n\nendstream"),
                        "another file"),
                Arguments.of("a screen annotation (media)",
                        pdf("", "/Annots [<< /Type /Annot /Subtype /Screen /Rect [0 0 10 10] >>]"), "Screen"),
                Arguments.of("a named action other than turning pages (Print)",
                        pdf("", "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Named /N /Print >> >>]"),
                        "Named"),
                Arguments.of("a link into another file (GoToR)",
                        pdf("", "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /GoToR /F (x.pdf) /D [0 /Fit] >> >>]"),
                        "GoToR"),
                Arguments.of("a link to the web",
                        pdf("", "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://evil.example/) >> >>]"),
                        "outside the document"),
                Arguments.of("a key the catalog does not name (/Perms)",
                        pdf("/Perms << /UR3 6 0 R >>", "", "<< /Type /Sig >>"), "/Perms"),
                Arguments.of("a web capture name tree",
                        pdf("/Names << /URLS << /Names [] >> >>", ""), "/URLS"),
                Arguments.of("an open action running JavaScript",
                        pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", ""), "JavaScript"),
                Arguments.of("JavaScript in an object nothing refers to (a damaged file's repair may find it)",
                        pdf("", "", "<< /S /JavaScript /JS (app.alert(1)) >>"), "/JS"),
                Arguments.of("a file specification in an object nothing refers to",
                        pdf("", "", "<< /Type /Filespec /F (ohje.exe) >>"), "Filespec"),
                Arguments.of("a page's additional actions",
                        pdf("", "/AA << /O << /S /JavaScript /JS (x) >> >>"), "/AA"),
                Arguments.of("document information holding a dictionary",
                        new String(pdf("", ""), StandardCharsets.ISO_8859_1)
                                .replace("/Info << /Producer (Arkisto) >>", "/Info << /Producer << /JS (x) >> >>")
                                .getBytes(StandardCharsets.ISO_8859_1), "document information"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWhatAPrintableDisplayFormDoesNotNeed(String construct, byte[] pdf, String named) {
        ArchiveException refusal = catchThrowableOfType(() -> safety.check(pdf), ArchiveException.class);
        assertThat(refusal).as(construct).isNotNull();
        assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE);
        assertThat(refusal.getMessage()).as(construct).contains(named);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesTheSameInAFile(String construct, byte[] pdf, String named, @TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("display.pdf"), pdf);
        ArchiveException refusal = catchThrowableOfType(() -> safety.check(file), ArchiveException.class);
        assertThat(refusal).as(construct).isNotNull();
        assertThat(refusal.code()).isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "",
            // opening at the first page, fitted: a destination, as word processors write it
            "/OpenAction [3 0 R /Fit]",
            "/OpenAction << /S /GoTo /D [3 0 R /XYZ 0 842 0] >>",
            "/PageLayout /SinglePage /PageMode /UseOutlines /Lang (fi-FI) /MarkInfo << /Marked true >> "
                    + "/ViewerPreferences << /DisplayDocTitle true >> /PageLabels << /Nums [0 << /S /D >>] >>",
            "/Outlines << /Type /Outlines /First 6 0 R /Last 6 0 R /Count 1 >>",
            "/Names << /Dests << /Names [(osio1) [3 0 R /Fit]] >> >>",
            "/Metadata 7 0 R /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) "
                    + "/DestOutputProfile 7 0 R >>] /StructTreeRoot << /Type /StructTreeRoot /K [] >>"})
    void acceptsWhatAPrintableDisplayFormHas(String catalog) {
        byte[] pdf = pdf(catalog, "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /Dest [3 0 R /Fit] >> "
                        + "<< /Type /Annot /Subtype /Link /Rect [0 10 10 20] /A << /S /URI /URI (mailto:kirjaamo@example.org) >> >> "
                        + "<< /Type /Annot /Subtype /Text /Rect [0 20 10 30] /Contents (Huomautus) /Popup 8 0 R >> 8 0 R "
                        + "<< /Type /Annot /Subtype /Link /Rect [0 30 10 40] /A << /S /Named /N /NextPage >> >>]",
                "<< /Title (Päätös) /Parent 9 0 R /Dest [3 0 R /Fit] >>",
                "<< /Type /Metadata /Subtype /XML /Length 0 >>\nstream\n\nendstream",
                "<< /Type /Annot /Subtype /Popup /Rect [0 0 100 100] /Parent 3 0 R >>",
                "<< /Type /Outlines >>");
        assertThatCode(() -> safety.check(pdf)).doesNotThrowAnyException();
    }

    @Test
    void acceptsThePdfsTheArchiveRendersFromDisplayForms() {
        // given the real sample's display form and a form with the links an XHTML display form may have
        PdfRenderer renderer = new PdfRenderer();
        byte[] sample = renderer.render(new CdaParser().parse(DisplayFormSafetyTest.resource("kanta/asiakkuusasiakirja_S.xml"))
                .displayForm());
        byte[] links = renderer.render(("<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1 id=\"alku\">Päätös</h1>"
                + "<p><a href=\"#alku\">Alkuun</a> <a href=\"mailto:kirjaamo@example.org\">kirjaamo</a> "
                + "<a href=\"tel:+358401234567\">puhelin</a></p>"
                + "<img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==\" alt=\"\"/></div>")
                .getBytes(StandardCharsets.UTF_8));

        // when checked as PDF display forms, then both pass
        assertThatCode(() -> safety.check(sample)).doesNotThrowAnyException();
        assertThatCode(() -> safety.check(links)).doesNotThrowAnyException();
    }

    @Test
    void refusesWhatIsNotAPdf() {
        assertThat(catchThrowableOfType(() -> safety.check("<html/>".getBytes(StandardCharsets.UTF_8)),
                ArchiveException.class).code()).isEqualTo(ErrorCode.DISPLAY_FORM_MALFORMED);
        assertThat(catchThrowableOfType(() -> safety.check("%PDF-1.4 garbage".getBytes(StandardCharsets.ISO_8859_1)),
                ArchiveException.class).code()).isEqualTo(ErrorCode.DISPLAY_FORM_MALFORMED);
    }
}

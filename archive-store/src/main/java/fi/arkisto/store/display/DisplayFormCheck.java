package fi.arkisto.store.display;

import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.core.Ordered;

import java.util.Locale;

/**
 * Archiving-stage check of the display form (kanta.fi, "Phase 2 functionalities in social welfare services": "a display mode that can be shown to the client via MyKanta
 * or printed will always be recorded"; docs/display-forms.md): present, XHTML ({@code application/xhtml+xml}),
 * well-formed and safe to show a citizen, as {@link DisplayFormSafety} decides; or a PDF ({@code application/pdf}, the
 * old documents of the legacy migration) that {@link PdfDisplayFormSafety} finds inert.
 */
public final class DisplayFormCheck implements DocumentCheck, Ordered {

    public static final int ORDER = 200;
    public static final String XHTML_MEDIA_TYPE = "application/xhtml+xml";
    public static final String PDF_MEDIA_TYPE = "application/pdf";

    private final DisplayFormSafety safety;
    private final PdfDisplayFormSafety pdfSafety = new PdfDisplayFormSafety();

    public DisplayFormCheck(DisplayFormSafety safety) {
        this.safety = safety;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void check(ParsedDocument document, ValidationReport report) {
        if (document.isStreamed()) {
            checkStreamed(document);
            return;
        }
        byte[] displayForm = document.displayForm();
        if (displayForm == null || displayForm.length == 0) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MISSING,
                    "The document has no display form (component/nonXMLBody/text)");
        }
        String mediaType = mediaType(document.displayMediaType());
        if (PDF_MEDIA_TYPE.equals(mediaType)) {
            // PDF (PDF/A) display forms: the legacy migration's old documents (docs/legacy-package.md)
            pdfSafety.check(displayForm);
            return;
        }
        if (!XHTML_MEDIA_TYPE.equals(mediaType)) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The display form's media type "
                    + "(nonXMLBody/text@mediaType) must be " + XHTML_MEDIA_TYPE + ", was '"
                    + abbreviate(document.displayMediaType()) + "'");
        }
        safety.check(displayForm);
    }

    /**
     * A document read with its body streamed (docs/write-path.md): a PDF display form is checked in its file; an XHTML one that
     * large is refused, as large legacy files are scans (PDF) and an XHTML form is read whole to be judged.
     */
    private void checkStreamed(ParsedDocument document) {
        if (document.streamed().displayFormBytes() == 0) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MISSING,
                    "The document has no display form (component/nonXMLBody/text)");
        }
        String mediaType = mediaType(document.displayMediaType());
        if (PDF_MEDIA_TYPE.equals(mediaType)) {
            pdfSafety.check(document.streamed().displayForm());
            return;
        }
        throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "A display form of " + document.streamed().displayFormBytes()
                + " bytes in a document above the in-memory limit must be " + PDF_MEDIA_TYPE + ", was '"
                + abbreviate(document.displayMediaType()) + "'");
    }

    /**
     * The media type without parameters. The only parameter accepted is {@code charset=UTF-8} on XHTML: the archive
     * serves display forms under its own fixed media types, and a reader honouring another charset than the one the
     * form was checked in would decode other markup.
     */
    private static String mediaType(String declared) {
        if (declared == null) {
            return "";
        }
        String[] parts = declared.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].replace("\"", "").replace(" ", "").toLowerCase(Locale.ROOT);
            if (parameter.isEmpty() || (XHTML_MEDIA_TYPE.equals(type) && parameter.equals("charset=utf-8"))) {
                continue;
            }
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The display form's media type "
                    + "(nonXMLBody/text@mediaType) may carry no parameter but charset=UTF-8 on XHTML, was '"
                    + abbreviate(declared) + "'");
        }
        return type;
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}

package fi.arkisto.store.display;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

import org.apache.pdfbox.io.IOUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Whether a PDF display form may be archived and shown (old client documents, seed 001, are often PDF/A; the display
 * form format code list {@code 1.2.246.537.6.1502.201601} has PDF/A next to XHTML): a well-formed, unencrypted PDF
 * with nothing that runs or reaches out when opened, which PDF/A forbids as well: no JavaScript, launch, submit or
 * import actions, no automatic (open or additional) actions, no links to other files or URIs, no embedded files or
 * rich media, no XFA forms. Every object of the file is inspected, including those in compressed object streams,
 * so a forbidden key cannot hide in one. A failure names the construct, never content.
 */
public final class PdfDisplayFormSafety {

    static final Set<String> FORBIDDEN_KEYS = Set.of("JS", "JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR",
            "GoToE", "URI", "OpenAction", "AA", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA", "Sound", "Movie");
    static final Set<String> FORBIDDEN_ACTIONS = Set.of("JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR",
            "GoToE", "URI", "RichMediaExecute", "Rendition", "Sound", "Movie");

    public void check(byte[] pdf) {
        if (pdf.length < 5 || !new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The PDF display form does not start with %PDF-");
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            inspect(document);
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The PDF display form cannot be read as PDF");
        }
    }

    /**
     * The same check on a PDF in a file (issue 5: a legacy scan of 1 GB): PDFBox reads the file in place, parses
     * objects lazily and keeps stream data in the file (streams it creates go to temporary files), so the heap
     * holds the object dictionaries only.
     */
    public void check(Path pdf) {
        byte[] start = new byte[5];
        try (InputStream in = Files.newInputStream(pdf)) {
            if (in.readNBytes(start, 0, 5) < 5 || !new String(start, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
                throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The PDF display form does not start with %PDF-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the display form " + pdf, e);
        }
        try (PDDocument document = Loader.loadPDF(pdf.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
            inspect(document);
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The PDF display form cannot be read as PDF");
        }
    }

    private static void inspect(PDDocument document) {
        if (document.isEncrypted()) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_UNSAFE, "The PDF display form is encrypted");
        }
        for (COSObject object : document.getDocument().getXrefTable().keySet().stream()
                .map(key -> document.getDocument().getObjectFromPool(key)).toList()) {
            inspect(object.getObject());
        }
        inspect(document.getDocument().getTrailer());
    }

    private static void inspect(COSBase object) {
        inspect(object, 0);
    }

    /** Walks the direct (inline) values of one object; indirect ones are inspected from the cross-reference table. */
    private static void inspect(COSBase object, int depth) {
        if (depth > 64) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The PDF display form nests objects too deeply");
        }
        if (object instanceof org.apache.pdfbox.cos.COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                COSBase element = array.get(i);
                if (!(element instanceof COSObject)) {
                    inspect(element, depth + 1);
                }
            }
            return;
        }
        COSDictionary dictionary = object instanceof COSStream stream ? stream : object instanceof COSDictionary d ? d : null;
        if (dictionary == null) {
            return;
        }
        for (COSName key : dictionary.keySet()) {
            if (FORBIDDEN_KEYS.contains(key.getName())) {
                throw new ArchiveException(ErrorCode.DISPLAY_FORM_UNSAFE, "The PDF display form contains /" + key.getName());
            }
        }
        COSName type = dictionary.getCOSName(COSName.S);
        if (type != null && FORBIDDEN_ACTIONS.contains(type.getName())) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_UNSAFE, "The PDF display form contains a /" + type.getName() + " action");
        }
        for (COSBase value : dictionary.getValues()) {
            if (!(value instanceof COSObject)) {
                inspect(value, depth + 1);
            }
        }
    }
}

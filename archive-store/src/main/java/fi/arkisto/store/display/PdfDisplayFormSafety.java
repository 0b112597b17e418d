package fi.arkisto.store.display;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Whether a PDF display form may be archived and shown (old client documents, kanta.fi, "Client data archive for social welfare services", are often PDF/A; the display
 * form format code list {@code 1.2.246.537.6.1502.201601} has PDF/A next to XHTML): a well-formed, unencrypted PDF
 * holding only what a printable PDF/A display form may ({@link PdfAllowList}, walked from the trailer: what it does
 * not name is refused). Then, because a damaged file makes some viewers rebuild it from every object they find,
 * every object of the file, reachable or not and including those in compressed object streams, is held against a
 * list of what must never be anywhere ({@link #FORBIDDEN_KEYS}, actions that run or reach out, file specifications,
 * embedded files, streams whose data lies in another file). A refusal names the construct, never content.
 */
public final class PdfDisplayFormSafety {

    static final Set<String> FORBIDDEN_KEYS = Set.of("JS", "JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR",
            "GoToE", "AA", "EmbeddedFile", "EmbeddedFiles", "EF", "RF", "AF", "RichMedia",
            "RichMediaContent", "RichMediaSettings", "XFA", "AcroForm", "Sound", "Movie", "3DD", "3DA", "3DV",
            "OnInstantiate", "OPI", "Collection", "FS", "FFilter", "FDecodeParms");
    static final Set<String> FORBIDDEN_ACTIONS = Set.of("JavaScript", "Launch", "SubmitForm", "ImportData", "ResetForm",
            "GoToR", "GoToE", "GoTo3DView", "RichMediaExecute", "Rendition", "Sound", "Movie", "Hide",
            "SetOCGState", "Thread");
    static final Set<String> FORBIDDEN_TYPES = Set.of("Filespec", "EmbeddedFile", "3D", "3DView", "RichMediaContent",
            "Rendition", "Sound", "Movie", "Collection");

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
     * The same check on a PDF in a file (a legacy scan of 1 GB): PDFBox reads the file in place, parses objects
     * lazily and keeps stream data in the file (streams it creates go to temporary files), so the heap holds the
     * object dictionaries only.
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
        new PdfAllowList().check(document.getDocument().getTrailer());
        for (COSObject object : document.getDocument().getXrefTable().keySet().stream()
                .map(key -> document.getDocument().getObjectFromPool(key)).toList()) {
            inspect(object.getObject(), 0);
        }
        inspect(document.getDocument().getTrailer(), 0);
    }

    /** What no dictionary of a display form may be, or hold: null when none, else the construct. */
    static String problemWith(COSDictionary dictionary) {
        for (COSName key : dictionary.keySet()) {
            if (FORBIDDEN_KEYS.contains(key.getName())) {
                return "/" + key.getName();
            }
        }
        if (dictionary instanceof COSStream && dictionary.containsKey(COSName.F)) {
            return "a stream whose data lies in another file (/F)";
        }
        COSBase type = dictionary.getDictionaryObject(COSName.TYPE);
        if (type instanceof COSName name && FORBIDDEN_TYPES.contains(name.getName())) {
            return "an object of /Type /" + name.getName();
        }
        COSBase action = dictionary.getDictionaryObject(COSName.S);
        if (action instanceof COSName name && FORBIDDEN_ACTIONS.contains(name.getName())) {
            return "a /" + name.getName() + " action";
        }
        boolean uriAction = COSName.URI.equals(action);
        if ((uriAction || dictionary.containsKey(COSName.URI)) && !(uriAction && isMailOrPhone(dictionary))) {
            return "a link to an address outside the document (/URI other than a mailto: or tel: action)";
        }
        return null;
    }

    /** The links an XHTML display form may have too: writing a mail, calling a number. */
    static boolean isMailOrPhone(COSDictionary uriAction) {
        COSBase uri = uriAction.getDictionaryObject(COSName.URI);
        String target = uri instanceof org.apache.pdfbox.cos.COSString string
                ? string.getString().strip().toLowerCase(java.util.Locale.ROOT) : "";
        return target.startsWith("mailto:") || target.startsWith("tel:");
    }

    /** Walks the direct (inline) values of one object; indirect ones are inspected from the cross-reference table. */
    private static void inspect(COSBase object, int depth) {
        if (depth > 64) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The PDF display form nests objects too deeply");
        }
        if (object instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                COSBase element = array.get(i);
                if (!(element instanceof COSObject)) {
                    inspect(element, depth + 1);
                }
            }
            return;
        }
        if (!(object instanceof COSDictionary dictionary)) {
            return;
        }
        String problem = problemWith(dictionary);
        if (problem != null) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_UNSAFE, "The PDF display form contains " + problem);
        }
        for (COSBase value : dictionary.getValues()) {
            if (!(value instanceof COSObject)) {
                inspect(value, depth + 1);
            }
        }
    }
}

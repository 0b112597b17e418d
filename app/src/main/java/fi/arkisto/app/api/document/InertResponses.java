package fi.arkisto.app.api.document;

import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.document.DisplayForm;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Locale;

/**
 * The headers a document leaves the archive with, so that no browser runs what it contains (docs/display-forms.md,
 * "What the archive serves"). The archive checks every document when it is archived, but what it serves must stay
 * inert without those checks too: documents archived by an earlier release, checks that miss something, and client
 * systems that put a response in front of a user's browser as it came.
 * <ul>
 *   <li>the original CDA: a download ({@code Content-Disposition: attachment}), and if a browser shows it anyway, a
 *       sandboxed document that may load nothing ({@link #ORIGINAL_POLICY});</li>
 *   <li>the XHTML display form: shown inline, UTF-8 (the encoding it was checked in), sandboxed (no script, no
 *       form, no plugin, no navigation of its opener), loading nothing but its inline styles and data: images
 *       ({@link #DISPLAY_FORM_POLICY});</li>
 *   <li>a PDF (rendered or archived): a download, so that no browser's PDF viewer, with its own script engine,
 *       opens it; the user's reader prints it ({@link #ORIGINAL_POLICY} should a browser show it anyway).</li>
 * </ul>
 * Every response also carries {@code X-Content-Type-Options: nosniff} (no browser second-guesses the type) and
 * {@code Cross-Origin-Resource-Policy: same-origin} (no other site embeds it).
 */
public final class InertResponses {

    static final String ORIGINAL_POLICY = "sandbox; default-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    static final String DISPLAY_FORM_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final MediaType XHTML_UTF8 = MediaType.parseMediaType("application/xhtml+xml;charset=UTF-8");

    private InertResponses() {
    }

    static HttpHeaders original(String oid) {
        HttpHeaders headers = common(ORIGINAL_POLICY);
        headers.setContentType(MediaType.APPLICATION_XML);
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(oid) + ".xml\"");
        return headers;
    }

    static HttpHeaders displayForm(String oid) {
        HttpHeaders headers = common(DISPLAY_FORM_POLICY);
        headers.setContentType(XHTML_UTF8);
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + fileName(oid) + ".xhtml\"");
        return headers;
    }

    static HttpHeaders pdf(String oid) {
        return pdfNamed(fileName(oid));
    }

    /** A PDF the archive renders itself (a client's log extract letter) under {@code name}, a fixed word. */
    public static HttpHeaders pdfNamed(String name) {
        HttpHeaders headers = common(ORIGINAL_POLICY);
        headers.setContentType(MediaType.APPLICATION_PDF);
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".pdf\"");
        return headers;
    }

    /** The {@code format} parameter of a display form read: {@code xhtml} (the default) or {@code pdf}. */
    static boolean asPdf(String format) {
        return switch (format) {
            case "xhtml" -> false;
            case "pdf" -> true;
            default -> throw new ArchiveException(ErrorCode.INVALID_REQUEST, "format must be xhtml or pdf");
        };
    }

    /**
     * A display form read's answer: a display form archived as PDF as it is, else the XHTML as archived or rendered
     * to PDF. Never the document's own media type string: its parameters (a charset) are the sender's to choose.
     */
    static ResponseEntity<byte[]> display(DisplayForm display, boolean asPdf, PdfRenderer pdf) {
        String oid = display.document().oid().value();
        boolean archivedAsPdf = display.mediaType() != null && display.mediaType().strip().toLowerCase(Locale.ROOT)
                .startsWith(MediaType.APPLICATION_PDF_VALUE);
        if (archivedAsPdf) {
            return ResponseEntity.ok().headers(pdf(oid)).body(display.content());
        }
        if (asPdf) {
            return ResponseEntity.ok().headers(pdf(oid)).body(pdf.render(display.content()));
        }
        return ResponseEntity.ok().headers(displayForm(oid)).body(display.content());
    }

    private static HttpHeaders common(String policy) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Security-Policy", policy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        return headers;
    }

    /** The OID was validated as one (digits and dots); kept to those characters whatever happens upstream. */
    private static String fileName(String oid) {
        return oid.replaceAll("[^0-9.]", "_");
    }
}

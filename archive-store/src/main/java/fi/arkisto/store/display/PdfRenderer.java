package fi.arkisto.store.display;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import fi.arkisto.store.hl7.Hl7Elements;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Renders a display form to PDF for printing ({@code GET .../display?format=pdf}; kanta.fi, "Phase 2 functionalities in social welfare services": the display
 * form "can be printed on paper to be given to the client") with openhtmltopdf.
 *
 * <p>The display form is checked by {@link DisplayFormSafety} first, and the renderer may load nothing: an access
 * control refuses every resource except {@code data:} URIs (the only images a safe display form has), so rendering
 * never reaches the network or the file system. Text is set in Liberation Sans, embedded from PDFBox's own
 * resources, which covers the Finnish and Swedish letters (äöå ÄÖÅ) and the Sámi ones. Thread-safe (a builder per call).
 */
public final class PdfRenderer {

    static final String FONT_FAMILY = "Liberation Sans";
    private static final String FONT_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final String PRINT_CSS = "@page { size: A4; margin: 20mm 18mm; } "
            + "body { font-family: '" + FONT_FAMILY + "', sans-serif; font-size: 10pt; line-height: 1.35; } "
            + "h1 { font-size: 15pt; } h2 { font-size: 12.5pt; } h3 { font-size: 11pt; } "
            + "img { max-width: 100%; } table { border-collapse: collapse; } td, th { padding: 2pt 4pt; vertical-align: top; }";

    private final DisplayFormSafety safety;
    private final DocumentBuilderFactory documents;

    public PdfRenderer(DisplayFormSafety safety) {
        this.safety = safety;
        this.documents = DocumentBuilderFactory.newInstance();
        this.documents.setNamespaceAware(true);
    }

    public PdfRenderer() {
        this(new DisplayFormSafety());
    }

    /**
     * @param xhtml the decoded display form
     * @return the PDF bytes
     * @throws fi.arkisto.store.error.ArchiveException DISPLAY_FORM_MISSING, DISPLAY_FORM_MALFORMED, DISPLAY_FORM_UNSAFE
     */
    public byte[] render(byte[] xhtml) {
        Document form = safety.check(xhtml);
        Document page = printPage(form);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useExternalResourceAccessControl(PdfRenderer::onlyData,
                    ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl(PdfRenderer::onlyData,
                    ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.useFont(PdfRenderer::font, FONT_FAMILY);
            builder.withW3cDocument(page, null);
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering the display form to PDF failed", e);
        }
        return pdf.toByteArray();
    }

    private static boolean onlyData(String uri, Object type) {
        return uri != null && uri.regionMatches(true, 0, "data:", 0, 5);
    }

    private static InputStream font() {
        return new ByteArrayInputStream(FontBytes.VALUE);
    }

    /** Read once, on first use: the renderer subsets the font per document from these bytes. */
    private static final class FontBytes {
        static final byte[] VALUE = load();

        private static byte[] load() {
            try (InputStream in = PDDocument.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("PDFBox font resource " + FONT_RESOURCE + " is missing");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The display form (usually a {@code <div>}) inside an XHTML page with the print style sheet. */
    private Document printPage(Document form) {
        Document page;
        try {
            page = documents.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        String ns = DisplayFormSafety.XHTML_NS;
        Element formRoot = form.getDocumentElement();
        Element html;
        Element head;
        if ("html".equals(formRoot.getLocalName())) {
            html = (Element) page.importNode(formRoot, true);
            page.appendChild(html);
            head = Hl7Elements.child(html, ns, "head");
            if (head == null) {
                head = page.createElementNS(ns, "head");
                html.insertBefore(head, html.getFirstChild());
            }
        } else {
            html = page.createElementNS(ns, "html");
            page.appendChild(html);
            head = page.createElementNS(ns, "head");
            html.appendChild(head);
            Element body = page.createElementNS(ns, "body");
            html.appendChild(body);
            body.appendChild(page.importNode(formRoot, true));
        }
        Element style = page.createElementNS(ns, "style");
        style.setAttribute("type", "text/css");
        style.setTextContent(PRINT_CSS);
        // First, so that the display form's own styles (already checked) still win.
        head.insertBefore(style, head.getFirstChild());
        return page;
    }
}

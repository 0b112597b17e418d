package fi.arkisto.store.display;

import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.cda.SecureXml;
import fi.arkisto.store.cda.XmlLimits;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.ClientInText;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.core.Ordered;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * Archiving-stage check that the signed display form names the client the unsigned header files the document under
 * (docs/trust.md, "The client the signed content names"). The signature covers the body, not the header: a header
 * whose {@code recordTarget} was swapped after signing would file the document under another person, while the
 * display form a professional or the citizen reads still names the first. The display form of a Kanta document shows
 * whom it is about (the real sample's "Asiakas" section: name, masked identity code, temporary identification), so:
 * <ul>
 *   <li>the display form shows the header's client ({@link ClientInText}): archived;</li>
 *   <li>it identifies persons by identity code, none of them the client: IDENTITY_MISMATCH;</li>
 *   <li>it identifies no one: DISPLAY_FORM_CLIENT_MISSING (nothing signed says whom the document is about).</li>
 * </ul>
 * Read are the text of an XHTML display form as a reader sees it (text nodes, not markup, attributes, comments, styles
 * or images) and the text of the first {@value #PDF_PAGES} pages of a PDF one (where a document names its subject;
 * a scan without text identifies no one). The structured form's identity is {@code StructureCheck}'s.
 * <p>The legacy migration is not checked: the archive wraps and signs those documents itself from one manifest row, so
 * nothing unsigned lies between them, and old documents predate the display form's rules.
 */
public final class DisplayFormIdentityCheck implements DocumentCheck, Ordered {

    /** After the display form is known to be safe and well-formed (DisplayFormCheck, 200), before the structure. */
    public static final int ORDER = 250;
    static final int PDF_PAGES = 3;

    private final XmlLimits limits;

    public DisplayFormIdentityCheck() {
        this(XmlLimits.defaults());
    }

    public DisplayFormIdentityCheck(XmlLimits limits) {
        this.limits = limits;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** As for a document arriving online. */
    @Override
    public void check(ParsedDocument document, ValidationReport report) {
        check(document, Intake.unspecified(Instant.now()), report);
    }

    @Override
    public void check(ParsedDocument document, Intake intake, ValidationReport report) {
        if (!intake.online()) {
            return;
        }
        DocumentMetadata metadata = document.metadata();
        ClientInText.Finding finding = ClientInText.find(text(document), metadata.clientId(), metadata.clientIdRoot());
        if (finding.showsClient()) {
            return;
        }
        if (finding.namesSomeone()) {
            throw new ArchiveException(ErrorCode.IDENTITY_MISMATCH, "The display form identifies persons by identity "
                    + "code, none of them the header's client (recordTarget/patientRole/id)");
        }
        throw new ArchiveException(ErrorCode.DISPLAY_FORM_CLIENT_MISSING, "The display form shows no identity code of "
                + "the client (recordTarget/patientRole/id); the signed content must say whom the document is about");
    }

    private String text(ParsedDocument document) {
        boolean pdf = DisplayFormCheck.PDF_MEDIA_TYPE.equals(document.displayMediaType() == null ? ""
                : document.displayMediaType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
        if (document.isStreamed()) {
            // only PDF display forms stream (DisplayFormCheck refuses others that large)
            try (PDDocument pdfDocument = Loader.loadPDF(document.streamed().displayForm().toFile(),
                    IOUtils.createTempFileOnlyStreamCache())) {
                return pdfText(pdfDocument);
            } catch (IOException e) {
                throw unreadable(e);
            }
        }
        if (pdf) {
            try (PDDocument pdfDocument = Loader.loadPDF(document.displayForm())) {
                return pdfText(pdfDocument);
            } catch (IOException e) {
                throw unreadable(e);
            }
        }
        return xhtmlText(document.displayForm());
    }

    private static String pdfText(PDDocument pdf) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(1);
        stripper.setEndPage(PDF_PAGES);
        return stripper.getText(pdf);
    }

    /** The characters of the text nodes, words of separate elements kept apart; style and script contents left out. */
    private String xhtmlText(byte[] xhtml) {
        StringBuilder text = new StringBuilder(xhtml.length / 2);
        SecureXml.parse(DisplayFormSafety.withoutXhtmlDoctype(xhtml), limits, new DefaultHandler() {
            private int hidden;

            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                text.append(' ');
                if ("style".equals(localName) || "script".equals(localName)) {
                    hidden++;
                }
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                text.append(' ');
                if ("style".equals(localName) || "script".equals(localName)) {
                    hidden--;
                }
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                if (hidden == 0) {
                    text.append(ch, start, length);
                }
            }
        });
        return text.toString();
    }

    private static ArchiveException unreadable(IOException e) {
        return new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The PDF display form cannot be read as PDF");
    }
}

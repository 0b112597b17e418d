package fi.arkisto.testkit.deployment;

import fi.arkisto.store.display.PdfRenderer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The deployment test report as a PDF, in Finnish and English: organisation, system, functions, window, participants
 * and every test document with its verification result. Written as XHTML and rendered by the archive's own
 * {@link PdfRenderer} (embedded fonts, no external resources).
 */
public final class DeploymentTestReport {

    private static final ZoneId FINLAND = ZoneId.of("Europe/Helsinki");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d.M.yyyy HH:mm").withZone(FINLAND);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    private final PdfRenderer renderer = new PdfRenderer();

    public byte[] pdf(ReportContent content) {
        return renderer.render(xhtml(content).getBytes(StandardCharsets.UTF_8));
    }

    /** The report as XHTML (what the PDF shows). */
    public String xhtml(ReportContent c) {
        VerificationFindings findings = c.findings();
        StringBuilder html = new StringBuilder(4096);
        html.append("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Käyttöönottotestin raportti</title></head><body>");
        html.append("<h1>Käyttöönottotestin raportti / Deployment test report</h1>");
        html.append("<p>Sosiaalihuollon asiakastiedon arkisto / Client data archive for social welfare services</p>");
        html.append("<table>");
        row(html, "Testi / Test", c.testId() + " (" + c.attempt() + ")");
        row(html, "Organisaatio / Organisation", c.organisationName() + " (" + c.organisationOid() + ")");
        row(html, "Tietojärjestelmä / Client information system", c.system());
        if (c.partnerName() != null) {
            row(html, "Toinen osapuoli / Other party", c.partnerName() + " (" + c.partnerOid() + ")");
            row(html, "Toisen osapuolen järjestelmä / Other party's system", c.partnerSystem());
        }
        row(html, "Toiminnallisuudet / Functions", String.join(", ", c.functions()));
        row(html, "Testiaika / Test window", TIME.format(c.windowStart()) + " – " + TIME.format(c.windowEnd()));
        row(html, "Käyttöönotto / Planned start", DAY.format(c.plannedStart()));
        row(html, "Raportti Kelalle viimeistään / Report due to Kela", DAY.format(c.reportDue()));
        row(html, "Osallistujat / Participants", String.join("; ", c.participants()));
        row(html, "Tulos / Result", findings.passed() ? "Hyväksytty / Passed" : "Hylätty / Failed");
        if (c.archivistNote() != null && !c.archivistNote().isBlank()) {
            row(html, "Arkistonhoitajan huomio / Archivist's note", c.archivistNote());
        }
        html.append("</table>");
        html.append("<h2>Testitapaus / Test case</h2><table><tr><th>Asiakirja / Document</th><th>OID</th><th>Tulos / Result</th></tr>");
        for (VerificationFindings.ItemResult item : findings.items()) {
            html.append("<tr><td>").append(escape(item.nameFi() + " / " + item.nameEn())).append("</td><td>")
                    .append(escape(item.documentOid() == null ? "–" : item.documentOid())).append("</td><td>")
                    .append(item.ok() ? "OK" : "Virhe / Error");
            item.findings().forEach(f -> html.append("<br/>").append(escape(f.text())));
            html.append("</td></tr>");
        }
        html.append("</table>");
        html.append("<h2>Saapuneet testiasiakirjat / Test documents received</h2><table><tr><th>OID</th><th>Tila / Status</th>"
                + "<th>Tulos / Result</th></tr>");
        for (VerificationFindings.DocumentResult document : findings.documents()) {
            html.append("<tr><td>").append(escape(document.documentOid())).append("</td><td>").append(escape(document.status()))
                    .append("</td><td>").append(document.ok() ? "OK" : "Virhe / Error");
            document.findings().forEach(f -> html.append("<br/>").append(escape(f.text())));
            html.append("</td></tr>");
        }
        html.append("</table><p>Laadittu / Written ").append(TIME.format(c.writtenAt() == null ? Instant.now() : c.writtenAt()))
                .append("</p></body></html>");
        return html.toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package fi.arkisto.app.api.accesslog;

import fi.arkisto.store.accesslog.AccessLogEntry;
import fi.arkisto.store.accesslog.AccessLogExtract;
import fi.arkisto.store.accesslog.AccessLogKind;
import fi.arkisto.store.display.PdfRenderer;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;

/**
 * The log extract as a letter to the client (Act 703/2023 s. 11), in Finnish, rendered to PDF by the display forms'
 * renderer: an XHTML page of the archive's own, every value escaped, so that it passes the same safety check.
 */
final class AccessLogLetter {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d.M.yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Helsinki"));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    private AccessLogLetter() {
    }

    static byte[] render(AccessLogExtract extract, PdfRenderer renderer) {
        return renderer.render(xhtml(extract).getBytes(StandardCharsets.UTF_8));
    }

    static String xhtml(AccessLogExtract extract) {
        StringBuilder page = new StringBuilder(4096 + extract.entries().size() * 400)
                .append("<div xmlns=\"http://www.w3.org/1999/xhtml\">")
                .append("<h1>Lokiote: asiakastietojen käyttö ja luovutukset</h1>")
                .append("<p>Asiakas: ").append(escape(extract.clientId())).append("<br/>Rekisterinpitäjä: ")
                .append(escape(extract.controller())).append("<br/>Ajalta: ").append(DAY.format(extract.from()))
                .append("–").append(DAY.format(extract.to())).append("</p>");
        if (extract.reason() != null) {
            page.append("<p>Yli kahden vuoden takaisten lokitietojen peruste: ").append(escape(extract.reason()))
                    .append("</p>");
        }
        page.append("<p>Laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä (703/2023) 11 §: kuka on "
                + "käyttänyt asiakastietoja tai kenelle niitä on luovutettu, ja millä perusteella.</p>");
        if (extract.entries().isEmpty()) {
            return page.append("<p>Ajalta ei ole merkintöjä.</p></div>").toString();
        }
        // one block per entry rather than a table: OIDs do not wrap, and a letter is read, not scanned
        for (AccessLogEntry entry : extract.entries()) {
            page.append("<h3>").append(WHEN.format(entry.occurredAt())).append(": ")
                    .append(entry.kind() == AccessLogKind.DISCLOSURE ? "luovutus toiselle rekisterinpitäjälle" : "käyttö")
                    .append("</h3><p>Organisaatio: ").append(escape(entry.organisation()))
                    .append("<br/>Ammattilainen: ").append(escape(entry.professional()))
                    .append("<br/>Käyttötilanne: ").append(escape(entry.useContext()))
                    .append("<br/>Toimenpide: ").append(escape(entry.operation()));
            if (entry.documentOid() != null) {
                page.append("<br/>Asiakirja: ").append(escape(entry.documentOid()))
                        .append(" (rekisteri ").append(escape(entry.register())).append(")");
                if (entry.mutualCase() != null) {
                    // another client's document: it pertains to the client through the mutual case
                    page.append("<br/>Yhteinen asia: ").append(escape(entry.mutualCase()));
                }
            }
            page.append("<br/>Peruste: ").append(escape(entry.basis() == null ? "rekisterinpitäjän oma kirjaus"
                    : entry.basis()));
            if (entry.basisDescription() != null) {
                page.append(" (").append(escape(entry.basisDescription())).append(")");
            }
            page.append("</p>");
        }
        return page.append("<p>Merkintöjä: ").append(extract.total()).append("</p></div>").toString();
    }

    /** Text as XHTML character data; a control character (which the safety check refuses) shown as a replacement. */
    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("\\p{Cntrl}", "\uFFFD").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

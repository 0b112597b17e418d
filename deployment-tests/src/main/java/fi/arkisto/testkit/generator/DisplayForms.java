package fi.arkisto.testkit.generator;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * Writes the XHTML display form in the layout of the real sample ({@code soc-document} root carrying the body's
 * {@code OID<documentOid>} id, a header with a {@code data:image/png} logo, titled sections). It is what a citizen
 * sees in MyKanta, so it holds only safe XHTML, and the identity code is shown masked as in the sample.
 */
final class DisplayForms {

    /** A 1x1 PNG: the logo is embedded as data, never referenced (no external resources in a display form). */
    private static final String LOGO =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final DateTimeFormatter FINNISH_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private DisplayForms() {
    }

    static byte[] write(DocumentSpec spec) {
        StringBuilder x = new StringBuilder(4096);
        // Real client systems start the display form with line breaks; the archive must accept that.
        x.append("\r\n\r\n<div class=\"soc-document\" id=\"OID").append(spec.documentOid())
                .append("\" xmlns=\"http://www.w3.org/1999/xhtml\">\r\n");
        x.append("\t<!-- Ylätunniste -->\r\n\t<div class=\"soc-header\">\r\n");
        x.append("\t\t<div class=\"soc-logo\"><img src=\"data:image/png;base64,").append(LOGO)
                .append("\" alt=\"").append(esc(spec.organisationName())).append(" logo\"/></div>\r\n");
        x.append("\t\t<div class=\"soc-hdr1\">").append(esc(spec.organisationName())).append("</div>\r\n");
        x.append("\t\t<div class=\"soc-hdr2\">").append(esc(spec.type().display)).append("</div>\r\n");
        x.append("\t\t<div class=\"soc-hdr3\">").append(spec.effectiveTime().format(FINNISH_DATE)).append("</div>\r\n");
        x.append("\t</div>\r\n\t<div class=\"soc-main-wrapper\">\r\n");
        x.append("\t\t<h1 class=\"soc-fulltitle\">").append(esc(spec.type().display)).append("</h1>\r\n");
        if (spec.versionNumber() > 1) {
            x.append("\t\t<p><b>Korvaa aiemman version.</b> Korjauksen syy: ").append(esc(spec.reasonOfCorrection()))
                    .append("</p>\r\n");
        }
        x.append("\t\t<h2 class=\"soc-fulltitle\">Asiakas</h2>\r\n\t\t<p>")
                .append(esc(spec.client().family())).append(", ").append(esc(spec.client().given())).append("<br/>")
                .append(spec.client().identityCode(), 0, 6).append("*****<br/>")
                .append("Syntymäaika: ").append(spec.client().birthDate().format(FINNISH_DATE));
        if (!spec.nonDisclosure() || spec.type() == GeneratorCodes.DocumentType.CLIENT_RELATIONSHIP) {
            x.append("<br/>Kotikunta: ").append(spec.client().municipality().code()).append(' ')
                    .append(esc(spec.client().municipality().name()));
        } else {
            // Non-disclosure for safety reasons: the location is left blank outside the client relationship document.
            x.append("<br/>Kotikunta: turvakielto");
        }
        x.append("</p>\r\n");
        x.append("\t\t<h2 class=\"soc-fulltitle\">Palvelutehtävä</h2>\r\n\t\t<p>")
                .append(esc(spec.serviceTask().display())).append("<br/>Palveluyksikkö: ")
                .append(esc(spec.serviceUnitName())).append("</p>\r\n");
        if (spec.caseId() != null) {
            x.append("\t\t<h2 class=\"soc-fulltitle\">Asia</h2>\r\n\t\t<p>").append(esc(spec.caseTitle()))
                    .append("<br/>Asiatunnus: ").append(spec.caseId())
                    .append("<br/>Vireille: ").append(spec.caseOpened().format(FINNISH_DATE)).append("</p>\r\n");
        }
        if (spec.type() == GeneratorCodes.DocumentType.CLIENT_RELATIONSHIP) {
            x.append("\t\t<p>Asiakkuuden yksilöintitunnus: ").append(spec.clientRelationshipId())
                    .append("<br/>Asiakkuuden alkamispvm: ").append(spec.relationshipStart().format(FINNISH_DATE))
                    .append("</p>\r\n");
            for (DocumentSpec.ProviderSpec provider : spec.providers()) {
                x.append("\t\t<p>Palveluntuottaja: ").append(esc(provider.unitName())).append("<br/>Alkaen: ")
                        .append(provider.start().format(FINNISH_DATE));
                if (provider.end() != null) {
                    x.append("<br/>Päättynyt: ").append(provider.end().format(FINNISH_DATE));
                }
                x.append("</p>\r\n");
            }
        } else {
            x.append("\t\t<h2 class=\"soc-fulltitle\">Sisältö</h2>\r\n");
            x.append("\t\t<table class=\"soc-table\">\r\n");
            int row = 1;
            for (String paragraph : spec.paragraphs()) {
                x.append("\t\t\t<tr><td>").append(row++).append(".</td><td>").append(esc(paragraph))
                        .append("</td></tr>\r\n");
            }
            x.append("\t\t</table>\r\n");
            if (!spec.parties().isEmpty()) {
                x.append("\t\t<h2 class=\"soc-fulltitle\">Asianosaiset</h2>\r\n\t\t<ul>\r\n");
                for (DocumentSpec.PartySpec party : spec.parties()) {
                    x.append("\t\t\t<li>").append(esc(party.person().family())).append(", ")
                            .append(esc(party.person().given())).append(' ')
                            .append(party.person().identityCode(), 0, 6).append("***** ")
                            .append(party.start().format(FINNISH_DATE)).append(" - ")
                            .append(party.end() == null ? "" : party.end().format(FINNISH_DATE)).append("</li>\r\n");
                }
                x.append("\t\t</ul>\r\n");
            }
            x.append("\t\t<p>Laatija: ").append(esc(spec.professionalName())).append(", sosiaalityöntekijä</p>\r\n");
        }
        x.append("\t\t<!-- Alatunniste -->\r\n\t\t<div class=\"soc-footer\"><div class=\"soc-ftr1\">")
                .append(esc(spec.organisationName())).append("</div></div>\r\n");
        x.append("\t</div>\r\n</div>\r\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

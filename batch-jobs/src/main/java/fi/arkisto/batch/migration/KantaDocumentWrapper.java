package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.hl7.KantaCodeSystems;
import fi.arkisto.store.identity.PersonalIdentityCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Wraps a legacy file into an unsigned Kanta CDA R2 document in the layout of the real sample
 * (asiakkuusasiakirja_S.xml): header from the manifest row, document group "old client document" (kanta.fi, "Client data archive for social welfare services": recorded
 * before joining, never shown to citizens), and the file as the display form in {@code nonXMLBody/text} (Base64),
 * with {@code nonXMLBody/@ID = "OID" + document OID} as the system signature references it.
 *
 * <p>XHTML is carried as it is (the archive's display-form checks decide whether it is safe); plain text is escaped
 * into an XHTML {@code pre} block; a PDF is carried with media type {@code application/pdf}. Output is written to a
 * stream and the body is Base64-encoded while it is read, so the wrapper itself holds neither the file nor the
 * document. Deterministic: the same row and file give the same bytes (no clock, no randomness), which restarts rely on.
 */
public final class KantaDocumentWrapper {

    public static final String DOCUMENT_GROUP_SYSTEM = KantaCodeSystems.DOCUMENT_GROUP;
    public static final String FILE_FORMAT_SYSTEM = "1.2.246.537.6.1502.201601";
    private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    private static final int BASE64_LINE = 76;

    private final Code oldDocumentGroup;
    private final String softwareVersion;

    public KantaDocumentWrapper(Code oldDocumentGroup, String softwareVersion) {
        this.oldDocumentGroup = oldDocumentGroup;
        this.softwareVersion = softwareVersion;
    }

    /**
     * Writes the wrapped document. {@code file} is read to its end; for {@link LegacyMediaType#TEXT} it must be UTF-8
     * (malformed bytes are replaced, control characters XML cannot carry become U+FFFD).
     */
    public void wrap(LegacyDocument row, DocumentOid oid, InputStream file, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        String bodyType = row.mediaType() == LegacyMediaType.PDF ? LegacyMediaType.PDF.mimeType() : LegacyMediaType.XHTML.mimeType();
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:hl7fi=\"urn:hl7finland\">\n");
        w.write("\t<realmCode code=\"FI\"/>\n");
        w.write("\t<typeId extension=\"POCD_HD000040\" root=\"2.16.840.1.113883.1.3\"/>\n");
        w.write("\t<id root=\"" + oid.value() + "\"/>\n");
        w.write("\t" + code("code", row.documentType()) + "\n");
        w.write("\t<title>" + escape(row.title()) + "</title>\n");
        w.write("\t<effectiveTime value=\"" + ts(row.effective()) + "\"/>\n");
        w.write("\t<confidentialityCode code=\"6\" codeSystem=\"1.2.246.777.5.99902.2006\" "
                + "codeSystemName=\"KanTa-palvelut - Asiakirjan luottamuksellisuus\" displayName=\"Sosiaalihuollon salassapidettävä\"/>\n");
        w.write("\t<languageCode code=\"fi\"/>\n");
        w.write("\t<setId root=\"" + oid.value() + "\"/>\n");
        w.write("\t<versionNumber value=\"1\"/>\n");
        w.write("\t<recordTarget>\n\t\t<patientRole>\n");
        w.write("\t\t\t<id root=\"" + PersonalIdentityCode.CODE_SYSTEM + "\" extension=\"" + escape(row.client().value()) + "\"/>\n");
        w.write("\t\t\t<patient>\n\t\t\t\t<name nullFlavor=\"UNK\"/>\n\t\t\t</patient>\n");
        w.write("\t\t</patientRole>\n\t</recordTarget>\n");
        w.write("\t<author>\n\t\t<time value=\"" + ts(row.created()) + "\"/>\n\t\t<assignedAuthor>\n\t\t\t<id nullFlavor=\"NA\"/>\n");
        if (row.author() != null) {
            w.write("\t\t\t<assignedPerson>\n\t\t\t\t<name>" + escape(row.author()) + "</name>\n\t\t\t</assignedPerson>\n");
        }
        w.write("\t\t</assignedAuthor>\n\t</author>\n");
        w.write("\t<custodian>\n\t\t<assignedCustodian>\n\t\t\t<representedCustodianOrganization>\n");
        w.write("\t\t\t\t<id root=\"" + row.controller().value() + "\"/>\n");
        w.write("\t\t\t</representedCustodianOrganization>\n\t\t</assignedCustodian>\n\t</custodian>\n");
        w.write("\t<componentOf>\n\t\t<encompassingEncounter>\n");
        w.write(row.caseId() == null ? "\t\t\t<id nullFlavor=\"NA\"/>\n" : "\t\t\t<id root=\"" + row.caseId().value() + "\"/>\n");
        if (row.eventStart() == null && row.eventEnd() == null) {
            w.write("\t\t\t<effectiveTime nullFlavor=\"NA\"/>\n");
        } else {
            w.write("\t\t\t<effectiveTime>\n");
            if (row.eventStart() != null) {
                w.write("\t\t\t\t<low value=\"" + ts(row.eventStart()) + "\"/>\n");
            }
            if (row.eventEnd() != null) {
                w.write("\t\t\t\t<high value=\"" + ts(row.eventEnd()) + "\"/>\n");
            }
            w.write("\t\t\t</effectiveTime>\n");
        }
        w.write("\t\t\t<encounterParticipant typeCode=\"ADM\">\n\t\t\t\t<assignedEntity>\n\t\t\t\t\t<id nullFlavor=\"NA\"/>\n");
        w.write("\t\t\t\t\t<representedOrganization>\n\t\t\t\t\t\t<id root=\"" + row.serviceUnit().value() + "\"/>\n");
        w.write("\t\t\t\t\t</representedOrganization>\n\t\t\t\t</assignedEntity>\n\t\t\t</encounterParticipant>\n");
        w.write("\t\t</encompassingEncounter>\n\t</componentOf>\n");
        w.write("\t<hl7fi:localSocialHeader>\n");
        w.write("\t\t<hl7fi:creationTime value=\"" + ts(row.created()) + "\"/>\n");
        w.write("\t\t" + code("hl7fi:documentGroup", oldDocumentGroup) + "\n");
        w.write(row.mediaType() == LegacyMediaType.PDF
                ? "\t\t<hl7fi:fileFormat code=\"1\" codeSystem=\"" + FILE_FORMAT_SYSTEM + "\" displayName=\"PDF/A\"/>\n"
                : "\t\t<hl7fi:fileFormat code=\"2\" codeSystem=\"" + FILE_FORMAT_SYSTEM + "\" displayName=\"XHTML_1.1\"/>\n");
        w.write("\t\t<hl7fi:softwareSupport moderator=\"Arkisto\" product=\"Arkisto legacy migration\" version=\""
                + escape(softwareVersion) + "\"/>\n");
        w.write("\t\t<hl7fi:recordStatus code=\"3\" codeSystem=\"1.2.246.537.5.40154.2008\" displayName=\"Arkistointivalmis\"/>\n");
        w.write("\t\t<hl7fi:registryType code=\"1\" codeSystem=\"1.2.246.537.6.1264.201701\" displayName=\"Sosiaalihuollon asiakasrekisteri\"/>\n");
        w.write("\t\t<hl7fi:outsourcingServiceCustomer root=\"" + row.controller().value() + "\"/>\n");
        w.write("\t\t" + code("hl7fi:functionCode", row.serviceTask()) + "\n");
        if (row.retentionClass() != null) {
            w.write("\t\t" + code("hl7fi:totalRetentionPeriodClass", row.retentionClass()) + "\n");
        }
        w.write("\t</hl7fi:localSocialHeader>\n");
        w.write("\t<component>\n\t\t<nonXMLBody ID=\"OID" + oid.value() + "\">\n");
        w.write("\t\t\t<text mediaType=\"" + bodyType + "\" representation=\"B64\">\n");
        w.flush();
        OutputStream base64 = Base64.getMimeEncoder(BASE64_LINE, new byte[] {'\n'}).wrap(new NonClosing(out));
        switch (row.mediaType()) {
            case PDF, XHTML -> file.transferTo(base64);
            case TEXT -> writeTextAsXhtml(row.title(), file, base64);
            case KANTA_CDA -> throw new IllegalArgumentException("A Kanta CDA document is archived as it is, not wrapped");
        }
        base64.close();
        w.write("\n\t\t\t</text>\n\t\t</nonXMLBody>\n\t</component>\n</ClinicalDocument>\n");
        w.flush();
    }

    private static void writeTextAsXhtml(String title, InputStream text, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<div xmlns=\"http://www.w3.org/1999/xhtml\" class=\"soc-document\">\n<h1>" + escape(title) + "</h1>\n<pre>");
        var reader = new java.io.InputStreamReader(text, StandardCharsets.UTF_8);
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) > 0) {
            w.write(escape(new String(buffer, 0, n)));
        }
        w.write("</pre>\n</div>\n");
        w.flush();
    }

    private static String code(String element, Code code) {
        return "<" + element + " code=\"" + escape(code.code()) + "\" codeSystem=\"" + code.codeSystem() + "\""
                + (code.displayName() == null ? "" : " displayName=\"" + escape(code.displayName()) + "\"") + "/>";
    }

    static String ts(OffsetDateTime time) {
        return HL7_TS.format(time);
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot carry become U+FFFD. */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                        || (Character.isSurrogate(c) && !validSurrogate(text, i)) ? "\uFFFD" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** The Base64 encoder's close must not close the document stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

package fi.arkisto.store.testsupport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Unsigned Kanta CDA documents of any size written straight to disk, never held (issue 5: "a single 1 GB file
 * streams through"): the layout of the legacy migration's wrapped documents (old client document, PDF display form
 * Base64-encoded in {@code nonXMLBody/text}, {@code nonXMLBody@ID = "OID" + oid}). The PDF is valid and inert: one
 * empty page and one unreferenced stream of incompressible bytes carrying the size. Test identity codes only.
 */
public final class LargeKantaDocuments {

    private LargeKantaDocuments() {
    }

    /** Writes a document with a PDF display form of about {@code pdfBytes} bytes; returns the PDF's exact size. */
    public static long write(Path target, String documentOid, String clientId, String controllerOid, long pdfBytes, long seed) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 256 * 1024)) {
            out.write(header(documentOid, clientId, controllerOid).getBytes(StandardCharsets.UTF_8));
            long size;
            try (OutputStream base64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).wrap(new NonClosing(out))) {
                size = writePdf(base64, pdfBytes, seed);
            }
            out.write("\n\t\t\t</text>\n\t\t</nonXMLBody>\n\t</component>\n</ClinicalDocument>\n".getBytes(StandardCharsets.UTF_8));
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PDF alone, e.g. to compare with a read-back display form. */
    public static long writePdf(OutputStream out, long approximateBytes, long seed) throws IOException {
        long filler = Math.max(16, approximateBytes - 600);
        StringBuilder head = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        long[] offsets = new long[5];
        String[] objects = {
                "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
                "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
                "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n",
        };
        for (int i = 0; i < objects.length; i++) {
            offsets[i + 1] = latin1(head).length;
            head.append(objects[i]);
        }
        offsets[4] = latin1(head).length;
        head.append("4 0 obj\n<< /Length ").append(filler).append(" >>\nstream\n");
        byte[] headBytes = latin1(head);
        out.write(headBytes);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[64 * 1024];
        for (long left = filler; left > 0; ) {
            int n = (int) Math.min(chunk.length, left);
            for (int i = 0; i < n; i += 8) {
                long value = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    chunk[i + j] = (byte) (value >>> (8 * j));
                }
            }
            out.write(chunk, 0, n);
            left -= n;
        }
        StringBuilder tail = new StringBuilder("\nendstream\nendobj\n");
        long xref = headBytes.length + filler + tail.length();
        tail.append("xref\n0 5\n0000000000 65535 f \n");
        for (int i = 1; i <= 4; i++) {
            tail.append(String.format("%010d 00000 n \n", offsets[i]));
        }
        tail.append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        byte[] tailBytes = latin1(tail);
        out.write(tailBytes);
        return headBytes.length + filler + tailBytes.length;
    }

    private static byte[] latin1(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String header(String oid, String clientId, String controller) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:hl7fi=\"urn:hl7finland\">\n"
                + "\t<realmCode code=\"FI\"/>\n"
                + "\t<typeId extension=\"POCD_HD000040\" root=\"2.16.840.1.113883.1.3\"/>\n"
                + "\t<id root=\"" + oid + "\"/>\n"
                + "\t<code code=\"99\" codeSystem=\"1.2.246.537.6.1506.201701\" displayName=\"Muu asiakirja\"/>\n"
                + "\t<title>Vanha asiakirja</title>\n"
                + "\t<effectiveTime value=\"20190301120000+0200\"/>\n"
                + "\t<confidentialityCode code=\"6\" codeSystem=\"1.2.246.777.5.99902.2006\"/>\n"
                + "\t<languageCode code=\"fi\"/>\n"
                + "\t<setId root=\"" + oid + "\"/>\n"
                + "\t<versionNumber value=\"1\"/>\n"
                + "\t<recordTarget>\n\t\t<patientRole>\n"
                + "\t\t\t<id root=\"1.2.246.21\" extension=\"" + clientId + "\"/>\n"
                + "\t\t\t<patient>\n\t\t\t\t<name nullFlavor=\"UNK\"/>\n\t\t\t</patient>\n"
                + "\t\t</patientRole>\n\t</recordTarget>\n"
                + "\t<author>\n\t\t<time value=\"20190301120000+0200\"/>\n\t\t<assignedAuthor>\n\t\t\t<id nullFlavor=\"NA\"/>\n"
                + "\t\t</assignedAuthor>\n\t</author>\n"
                + "\t<custodian>\n\t\t<assignedCustodian>\n\t\t\t<representedCustodianOrganization>\n"
                + "\t\t\t\t<id root=\"" + controller + "\"/>\n"
                + "\t\t\t</representedCustodianOrganization>\n\t\t</assignedCustodian>\n\t</custodian>\n"
                + "\t<componentOf>\n\t\t<encompassingEncounter>\n\t\t\t<id nullFlavor=\"NA\"/>\n"
                + "\t\t\t<effectiveTime nullFlavor=\"NA\"/>\n"
                + "\t\t\t<encounterParticipant typeCode=\"ADM\">\n\t\t\t\t<assignedEntity>\n\t\t\t\t\t<id nullFlavor=\"NA\"/>\n"
                + "\t\t\t\t\t<representedOrganization>\n\t\t\t\t\t\t<id root=\"" + controller + "\"/>\n"
                + "\t\t\t\t\t</representedOrganization>\n\t\t\t\t</assignedEntity>\n\t\t\t</encounterParticipant>\n"
                + "\t\t</encompassingEncounter>\n\t</componentOf>\n"
                + "\t<hl7fi:localSocialHeader>\n"
                + "\t\t<hl7fi:creationTime value=\"20190301120000+0200\"/>\n"
                + "\t\t<hl7fi:documentGroup code=\"4\" codeSystem=\"1.2.246.537.6.1505.201601\" displayName=\"Vanha asiakirja\"/>\n"
                + "\t\t<hl7fi:fileFormat code=\"1\" codeSystem=\"1.2.246.537.6.1502.201601\" displayName=\"PDF/A\"/>\n"
                + "\t\t<hl7fi:recordStatus code=\"3\" codeSystem=\"1.2.246.537.5.40154.2008\"/>\n"
                + "\t\t<hl7fi:registryType code=\"1\" codeSystem=\"1.2.246.537.6.1264.201701\"/>\n"
                + "\t\t<hl7fi:outsourcingServiceCustomer root=\"" + controller + "\"/>\n"
                + "\t\t<hl7fi:functionCode code=\"24\" codeSystem=\"1.2.246.537.6.1221.201601\"/>\n"
                + "\t</hl7fi:localSocialHeader>\n"
                + "\t<component>\n\t\t<nonXMLBody ID=\"OID" + oid + "\">\n"
                + "\t\t\t<text mediaType=\"application/pdf\" representation=\"B64\">\n";
    }

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

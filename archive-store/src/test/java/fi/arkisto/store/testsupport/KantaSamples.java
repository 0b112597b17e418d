package fi.arkisto.store.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kanta CDA documents for tests, derived from the real signed sample
 * {@code kanta/asiakkuusasiakirja_S.xml} (client 200111A904P, a test identity code) by editing
 * its XML text. Derived documents keep the sample's signature, which then no longer verifies:
 * use them where signatures are not what is tested.
 *
 * <pre>{@code
 * byte[] v1 = KantaSamples.document().build();                       // a new, unique document
 * byte[] v2 = KantaSamples.document().replacing(v1Oid).version(2)
 *                 .reasonOfCorrection("Korjattu").build();           // its replacement
 * }</pre>
 */
public final class KantaSamples {

    public static final String SAMPLE_RESOURCE = "/kanta/asiakkuusasiakirja_S.xml";
    public static final String SAMPLE_OID = "1.2.246.10.32213561.95777.2026.688883.2809773";
    public static final String SAMPLE_CLIENT = "200111A904P";
    public static final String SAMPLE_CONTROLLER = "1.2.246.10.32213561.10.0";
    public static final String SAMPLE_EFFECTIVE_TIME = "20260717130652+0300";
    /** The sample's service unit (encounterParticipant ADM), a unit of the City of Vantaa. */
    public static final String SAMPLE_SERVICE_UNIT = "1.2.246.10.1246109.10.2001213";
    /** Root for OIDs made up by tests; unique per JVM start and call. */
    public static final String TEST_OID_ROOT = "1.2.246.10.32213561.95777.9999";

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final long RUN = System.currentTimeMillis();

    private KantaSamples() {
    }

    /** The real sample's bytes, unchanged. */
    public static byte[] realSample() {
        try (InputStream in = KantaSamples.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE_RESOURCE + " is not on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh document OID under {@link #TEST_OID_ROOT}, unique in this JVM and across runs. */
    public static String newOid() {
        return TEST_OID_ROOT + "." + RUN + "." + SEQUENCE.incrementAndGet();
    }

    /**
     * A random valid test identity code (individual number 900-999, born 1950-2019, century sign
     * drawn from all signs of that century including the 2023 ones).
     */
    public static String newTestIdentityCode() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        java.time.LocalDate birth = java.time.LocalDate.of(1950, 1, 1).plusDays(random.nextInt(25_000));
        String signs = birth.getYear() >= 2000 ? "ABCDEF" : "-YXWVU";
        char sign = signs.charAt(random.nextInt(signs.length()));
        String date = String.format("%02d%02d%02d", birth.getDayOfMonth(), birth.getMonthValue(), birth.getYear() % 100);
        String individual = Integer.toString(900 + random.nextInt(100));
        String check = Character.toString("0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(Integer.parseInt(date + individual) % 31));
        return date + sign + individual + check;
    }

    /** A builder of a new version-1 document with a fresh OID (also its setId). */
    public static Builder document() {
        return new Builder();
    }

    public static final class Builder {
        private String oid = newOid();
        private String setId;
        private int version = 1;
        private String client = SAMPLE_CLIENT;
        private String controller = SAMPLE_CONTROLLER;
        private String effectiveTime = SAMPLE_EFFECTIVE_TIME;
        private String caseId;
        private String serviceTask;
        private String documentGroup;
        private String reasonOfCorrection;
        private String replaces;
        private String marker;
        private String serviceUnit;
        private String localHeader;
        private java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> structuredForm;

        private Builder() {
        }

        public Builder oid(String value) {
            this.oid = value;
            return this;
        }

        public Builder setId(String value) {
            this.setId = value;
            return this;
        }

        public Builder version(int value) {
            this.version = value;
            return this;
        }

        /** Replaces {@code previousOid}: same set (unless set explicitly), relatedDocument RPLC pointing at it. */
        public Builder replacing(String previousOid, String setIdOfPrevious) {
            this.replaces = previousOid;
            this.setId = setIdOfPrevious;
            return this;
        }

        /** The client, in the header, the structured form and the display form alike (the archive cross-checks them). */
        public Builder client(String value) {
            this.client = value;
            return this;
        }

        public Builder controller(String value) {
            this.controller = value;
            return this;
        }

        /** HL7 TS, e.g. {@code 20260717130652+0300}. */
        public Builder effectiveTime(String value) {
            this.effectiveTime = value;
            return this;
        }

        public Builder caseId(String value) {
            this.caseId = value;
            return this;
        }

        /** hl7fi:functionCode code of {@code 1.2.246.537.6.1221.201601}, e.g. 24. */
        public Builder serviceTask(String value) {
            this.serviceTask = value;
            return this;
        }

        /**
         * hl7fi:documentGroup code of {@code 1.2.246.537.6.1505.201601}. Any group but 1 also gets a general document
         * type (code 4, client report): the header rules require one outside client relationship documents.
         */
        public Builder documentGroup(String value) {
            this.documentGroup = value;
            return this;
        }

        public Builder reasonOfCorrection(String value) {
            this.reasonOfCorrection = value;
            return this;
        }

        /**
         * Edits the structured form (the sample's client relationship document, {@code asiakkuusasiakirja}) after the
         * client has been put in; see {@link ClientRelationshipForms} for the usual edits.
         */
        public Builder structuredForm(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
            this.structuredForm = edit;
            return this;
        }

        /**
         * The service unit producing the document ({@code encounterParticipant[@typeCode=ADM]}), whose organisation is
         * the author's organisation (docs/access.md): a provider's unit for a document of its register access right.
         */
        public Builder serviceUnit(String unitOid) {
            this.serviceUnit = unitOid;
            return this;
        }

        /**
         * Local header elements put before {@code contentSpecificationId}, such as a professional's restriction
         * ({@code <ep2:inaccessibleArgument code="1" codeSystem="1.2.246.537.6.1288.201901"/>}).
         */
        public Builder localHeader(String elements) {
            this.localHeader = elements;
            return this;
        }

        private String guardianDisclosure;

        /**
         * The minor's will on disclosure to the guardians (code of 1.2.246.537.6.1286.201901; the sample's is 1, "may
         * be disclosed"), or null to leave the sample's.
         */
        public Builder guardianDisclosure(String code) {
            this.guardianDisclosure = code;
            return this;
        }

        /** An XML comment that changes the bytes but none of the metadata. */
        public Builder marker(String value) {
            this.marker = value;
            return this;
        }

        public String oidValue() {
            return oid;
        }

        public byte[] build() {
            String xml = new String(realSample(), StandardCharsets.UTF_8);
            String set = setId == null ? oid : setId;
            xml = xml.replace("<setId root=\"" + SAMPLE_OID + "\"/>", "<setId root=\"" + set + "\"/>");
            xml = xml.replace(SAMPLE_OID, oid);
            xml = xml.replace("<versionNumber value=\"1\"/>", "<versionNumber value=\"" + version + "\"/>");
            xml = xml.replace("extension=\"" + SAMPLE_CLIENT + "\"", "extension=\"" + client + "\"");
            if (!SAMPLE_CLIENT.equals(client)) {
                // The structured and display forms name the client too; the archive refuses a document whose parts
                // disagree.
                xml = withStructuredForm(xml, json -> json.replace("\"" + SAMPLE_CLIENT + "\"", "\"" + client + "\""));
                xml = withClientInDisplayForm(xml, client);
            }
            if (structuredForm != null) {
                xml = withStructuredForm(xml, json -> ClientRelationshipForms.edit(json, structuredForm));
            }
            xml = xml.replace("root=\"" + SAMPLE_CONTROLLER + "\"", "root=\"" + controller + "\"");
            xml = replaceFirst(xml, Pattern.quote("<effectiveTime value=\"" + SAMPLE_EFFECTIVE_TIME + "\"/>"),
                    "<effectiveTime value=\"" + effectiveTime + "\"/>");
            if (caseId != null) {
                xml = replaceFirst(xml, "<encompassingEncounter>\\s*<id nullFlavor=\"NA\"/>",
                        "<encompassingEncounter>\n\t\t\t<id root=\"" + caseId + "\"/>");
            }
            if (documentGroup != null) {
                xml = xml.replace("<ep2:documentGroup code=\"1\"", "<ep2:documentGroup code=\"" + documentGroup + "\"");
                if (!"1".equals(documentGroup)) {
                    // Only the client relationship document may go without a general document type (header rules).
                    xml = xml.replace("<code nullFlavor=\"NA\"/>", "<code code=\"4\" codeSystem=\"1.2.246.537.6.1506.201701\" "
                            + "displayName=\"Asiakaskertomus\"/>");
                }
            }
            StringBuilder header = new StringBuilder();
            if (serviceTask != null) {
                header.append("\n\t\t<ep2:functionCode code=\"").append(serviceTask)
                        .append("\" codeSystem=\"1.2.246.537.6.1221.201601\"/>");
            }
            if (reasonOfCorrection != null) {
                header.append("\n\t\t<ep2:reasonOfCorrection code=\"1\" codeSystem=\"1.2.246.537.6.1210.201601\" displayName=\"")
                        .append(reasonOfCorrection).append("\"/>");
            }
            if (localHeader != null) {
                header.append("\n\t\t").append(localHeader);
            }
            if (header.length() > 0) {
                xml = xml.replace("<ep2:contentSpecificationId>", header.substring(3) + "\n\t\t<ep2:contentSpecificationId>");
            }
            if (replaces != null) {
                xml = xml.replace("\t<!-- Asiakirjan korvauksen tiedot -->",
                        "\t<relatedDocument typeCode=\"RPLC\"><parentDocument><id root=\"" + replaces
                                + "\"/></parentDocument></relatedDocument>");
            }
            if (serviceUnit != null) {
                xml = xml.replace("<id root=\"" + SAMPLE_SERVICE_UNIT + "\"/>", "<id root=\"" + serviceUnit + "\"/>");
            }
            if (guardianDisclosure != null) {
                xml = xml.replace("<code code=\"1\" codeSystem=\"1.2.246.537.6.1286.201901\"",
                        "<code code=\"" + guardianDisclosure + "\" codeSystem=\"1.2.246.537.6.1286.201901\"");
            }
            if (marker != null) {
                xml = xml.replace("<realmCode code=\"FI\"/>", "<realmCode code=\"FI\"/><!-- " + marker + " -->");
            }
            return xml.getBytes(StandardCharsets.UTF_8);
        }

        private static String withStructuredForm(String xml, java.util.function.UnaryOperator<String> edit) {
            Matcher json = Pattern.compile("(<ep2:json[^>]*>)(\\s*)([A-Za-z0-9+/=]+)").matcher(xml);
            if (!json.find()) {
                throw new IllegalStateException("The sample no longer contains its structured form");
            }
            String decoded = new String(java.util.Base64.getDecoder().decode(json.group(3)), StandardCharsets.UTF_8);
            String encoded = java.util.Base64.getEncoder().encodeToString(
                    edit.apply(decoded).getBytes(StandardCharsets.UTF_8));
            return xml.substring(0, json.start(3)) + encoded + xml.substring(json.end(3));
        }

        /** The display form shows the client's identity code masked, as the sample does ({@code 200111*****}). */
        private static String withClientInDisplayForm(String xml, String client) {
            Matcher text = Pattern.compile("(<text[^>]*representation=\"B64\"[^>]*>)(\\s*)([A-Za-z0-9+/=\\s]+)(</text>)").matcher(xml);
            if (!text.find()) {
                throw new IllegalStateException("The sample no longer contains its display form");
            }
            String decoded = new String(java.util.Base64.getMimeDecoder().decode(text.group(3)), StandardCharsets.UTF_8);
            String masked = SAMPLE_CLIENT.substring(0, 6) + "*****";
            if (!decoded.contains(masked)) {
                throw new IllegalStateException("The sample's display form no longer shows its client as " + masked);
            }
            String encoded = java.util.Base64.getEncoder().encodeToString(
                    decoded.replace(masked, client.substring(0, 6) + "*****").getBytes(StandardCharsets.UTF_8));
            return xml.substring(0, text.start(3)) + encoded + xml.substring(text.end(3));
        }

        private static String replaceFirst(String xml, String regex, String replacement) {
            Matcher matcher = Pattern.compile(regex).matcher(xml);
            if (!matcher.find()) {
                throw new IllegalStateException("The sample no longer contains " + regex);
            }
            return matcher.replaceFirst(Matcher.quoteReplacement(replacement));
        }
    }
}

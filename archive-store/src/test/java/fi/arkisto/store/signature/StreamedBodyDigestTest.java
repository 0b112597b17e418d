package fi.arkisto.store.signature;

import fi.arkisto.store.cda.BodySplitter;
import fi.arkisto.store.cda.CdaParserLimits;
import fi.arkisto.store.cda.SecureXml;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The body digest {@link BodySplitter} computes while streaming must be the digest the JDK's XML-DSig computes for
 * the body reference (enveloped-signature + exclusive C14N) on the whole DOM, in the Kanta form (whitespace-only
 * text left out, {@link KantaCanonicalForm}) and the literal form, for every shape a body may take: prefixes,
 * namespace declarations used and unused, attribute order and escaping, CR, entities, non-ASCII, whitespace.
 */
class StreamedBodyDigestTest {

    private static final String BODY_ID = "OID1.2.246.10.1234567.10.1";
    private static final CdaParserLimits LIMITS = CdaParserLimits.defaults();
    private static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @Test
    void streamedDigestEqualsTheJdkExclusiveC14nDigestOnManyBodyShapes() throws Exception {
        Random random = new Random(20260522L);
        for (int i = 0; i < 300; i++) {
            // given a document whose body has a random shape
            String xml = randomDocument(random);
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

            // when it is split while streamed, and digested by the JDK on the whole DOM
            BodySplitter.Split split = BodySplitter.split(new ByteArrayInputStream(bytes), LIMITS, null, null);

            // then both forms agree with the JDK's
            assertThat(HexFormat.of().formatHex(split.bodyDigest())).as("Kanta form of case %d:%n%s", i, xml)
                    .isEqualTo(HexFormat.of().formatHex(jdkBodyDigest(bytes, true)));
            assertThat(HexFormat.of().formatHex(split.literalBodyDigest())).as("literal form of case %d:%n%s", i, xml)
                    .isEqualTo(HexFormat.of().formatHex(jdkBodyDigest(bytes, false)));
            assertThat(split.size()).isEqualTo(bytes.length);
        }
    }

    @Test
    void bodyTextIsDeliveredAsParsedAndReplacedByThePlaceholderInTheElidedDom() {
        // given a body text with entities and a character reference for CR
        String xml = document("", "", "\n", "text", "", "QUJD&#13;&amp;&lt;>\u00e4\uD83D\uDE00", "\n");
        StringWriter text = new StringWriter();

        // when split
        BodySplitter.Split split = BodySplitter.split(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                LIMITS, null, text);

        // then the writer got the parsed characters and the DOM holds only the placeholder
        assertThat(text.toString()).isEqualTo("QUJD\r&<>\u00e4\uD83D\uDE00");
        Element body = (Element) split.elided().getElementsByTagNameNS("urn:hl7-org:v3", "text").item(0);
        assertThat(body.getTextContent()).isEqualTo(split.placeholder());
        assertThat(split.bodyWhitespace()).isTrue();
    }

    @Test
    void displayFormIsDecodedExactlyLikeTheWholeDocumentParser() {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            // given Base64 of random bytes wrapped at random widths with random XML whitespace
            byte[] content = new byte[random.nextInt(200_000) + 1];
            random.nextBytes(content);
            String base64 = wrap(Base64.getEncoder().encodeToString(content), random);
            String xml = document("", "", "", "text", "", base64, "");
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();

            // when split
            BodySplitter.Split split = BodySplitter.split(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                    LIMITS, decoded, null);

            // then the display form is the original bytes
            assertThat(decoded.toByteArray()).isEqualTo(content);
            assertThat(split.displayFormBytes()).isEqualTo(content.length);
        }
    }

    @Test
    void invalidBase64IsRefusedAsTheWholeDocumentParserRefusesIt() {
        for (String bad : List.of("QUJD=QUJD", "QUJ", "QU\u00e4D", "QUJD*UJD", "QQ==QUJD")) {
            String xml = document("", "", "", "text", "", bad, "");
            assertThatThrownBy(() -> BodySplitter.split(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                    LIMITS, new ByteArrayOutputStream(), null))
                    .as(bad).isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BASE64));
        }
    }

    @Test
    void bodyShapesOutsideTheKantaProfileAreRefusedAsTooLargeWithTheReason() {
        List<String> bodies = List.of(
                "<nonXMLBody ID=\"x\"><text>QUJD</text><hl7fi:json xmlns:hl7fi=\"urn:hl7finland\">e30=</hl7fi:json></nonXMLBody>",
                "<nonXMLBody ID=\"x\"><text>QU<!-- c -->JD</text></nonXMLBody>",
                "<nonXMLBody ID=\"x\"><text><![CDATA[QUJD]]></text></nonXMLBody>",
                "<nonXMLBody ID=\"x\"><text>QUJD<b/></text></nonXMLBody>",
                "<nonXMLBody ID=\"x\">loose<text>QUJD</text></nonXMLBody>",
                "<nonXMLBody ID=\"x\"><text>QUJD</text><text>QUJD</text></nonXMLBody>",
                "<nonXMLBody ID=\"x\"><?pi x?><text>QUJD</text></nonXMLBody>");
        for (String body : bodies) {
            String xml = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><component>" + body + "</component></ClinicalDocument>";
            assertThatThrownBy(() -> BodySplitter.split(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                    LIMITS, null, null))
                    .as(body).isInstanceOfSatisfying(ArchiveException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
                        assertThat(e.detail()).contains("nonXMLBody with one text child");
                    });
        }
    }

    @Test
    void largeContentOutsideTheBodyTextIsRefusedAtTheInMemoryLimit() {
        // given a document whose title, not its body, is large
        String xml = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>" + "x".repeat(5000) + "</title><component>"
                + "<nonXMLBody><text>QUJD</text></nonXMLBody></component></ClinicalDocument>";
        CdaParserLimits small = new CdaParserLimits(1024, 64, 256, 1 << 20);

        // when split, then refused naming the in-memory limit
        assertThatThrownBy(() -> BodySplitter.split(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), small, null, null))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
                    assertThat(e.detail()).contains("in-memory limit of 1024");
                });
    }

    @Test
    void inputAboveTheStreamedLimitIsRefusedWhileReading() {
        String xml = document("", "", "", "text", "", "QUJD".repeat(10_000), "");
        CdaParserLimits small = new CdaParserLimits(1024, 64, 256, 8 * 1024);
        assertThatThrownBy(() -> BodySplitter.split(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), small, null, null))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE));
    }

    @Test
    void aDoctypeIsRefusedAsInEveryOtherRead() {
        String xml = "<!DOCTYPE x [<!ENTITY e \"QUJD\">]>" + document("", "", "", "text", "", "&e;", "").substring(38);
        assertThatThrownBy(() -> BodySplitter.split(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), LIMITS, null, null))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_DTD_FORBIDDEN));
    }

    // ---- the JDK's digest ----------------------------------------------------------------------

    private static byte[] jdkBodyDigest(byte[] xml, boolean kantaForm) throws Exception {
        Document dom = SecureXml.parseDocument(xml);
        Element root = dom.getDocumentElement();
        Element body = SignedParts.body(root);
        body.setIdAttributeNS(null, "ID", true);
        if (kantaForm) {
            KantaCanonicalForm.stripWhitespaceOnlyText(body);
        }
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        List<Transform> transforms = List.of(
                factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
        Reference reference = factory.newReference("#" + BODY_ID, factory.newDigestMethod(DigestMethod.SHA256, null), transforms, null, null);
        var signature = factory.newXMLSignature(factory.newSignedInfo(
                factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                factory.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference)), null);
        signature.sign(new DOMSignContext(keys.getPrivate(), root));
        return reference.getDigestValue();
    }

    // ---- random documents ----------------------------------------------------------------------

    private static final String[] VALUES = {"plain", "a&amp;b", "&lt;tag&gt;", "quote&quot;s", "apos'", "tab&#9;x",
            "lf&#10;x", "cr&#13;x", "literal\ttab", "line\nbreak", "\u00e4\u00f6 \u20ac", "\uD83D\uDE00", "", "  spaced  "};
    private static final String[] TEXTS = {"QUJD", "QUJD\n", "\n\t\t\tQUJD\n\t\t", "QU JD", "a&amp;b", "&lt;&gt;>",
            "x&#13;y", "x\r\ny", "\u00e4\u00f6", "\uD83D\uDE00", "]]&gt;", "&#x9;tab"};

    private static String randomDocument(Random r) {
        String prefix = r.nextInt(3) == 0 ? "h:" : "";
        String textPrefix = prefix.isEmpty() ? (r.nextInt(5) == 0 ? "h:" : "") : (r.nextBoolean() ? "h:" : "");
        String bodyDeclarations = "";
        if (!prefix.isEmpty() && r.nextBoolean()) {
            bodyDeclarations += " xmlns:h=\"urn:hl7-org:v3\"";
        }
        if (r.nextInt(3) == 0) {
            bodyDeclarations += " xmlns:unused=\"urn:unused\"";
        }
        if (r.nextInt(4) == 0) {
            bodyDeclarations += " xmlns=\"urn:hl7-org:v3\"";
        }
        String bodyAttributes = " ID=\"" + BODY_ID + "\"" + randomAttributes(r);
        String textAttributes = randomAttributes(r);
        if (r.nextInt(4) == 0 && !textPrefix.isEmpty()) {
            textAttributes += " xmlns:h=\"urn:hl7-org:v3\"";
        }
        String before = r.nextBoolean() ? "\n\t\t\t" : (r.nextBoolean() ? "" : " \r\n ");
        String after = r.nextBoolean() ? "\n\t\t" : "";
        StringBuilder text = new StringBuilder();
        int pieces = 1 + r.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            text.append(TEXTS[r.nextInt(TEXTS.length)]);
        }
        if (r.nextInt(10) == 0) {
            text.append("QUJD".repeat(20_000)); // crosses the parser's buffers
        }
        return document(prefix, bodyDeclarations + bodyAttributes, before, textPrefix + "text", textAttributes,
                text.toString(), after);
    }

    private static String randomAttributes(Random r) {
        List<String> attributes = new ArrayList<>();
        String[] names = {"mediaType", "representation", "zeta", "alpha", "a:one", "b:two", "xsi:type", "xml:lang", "h:q"};
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String name = names[r.nextInt(names.length)];
            if (attributes.stream().noneMatch(a -> a.startsWith(" " + name + "="))) {
                attributes.add(" " + name + "=\"" + VALUES[r.nextInt(VALUES.length)] + "\"");
            }
        }
        return String.join("", attributes);
    }

    private static String document(String bodyPrefix, String bodyAttributes, String before, String textName,
                                   String textAttributes, String text, String after) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:h=\"urn:hl7-org:v3\" xmlns:a=\"urn:a\" "
                + "xmlns:b=\"urn:b\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                + "\t<id root=\"1.2.246.10.1234567.10.1\"/>\n\t<component>\n\t\t<" + bodyPrefix + "nonXMLBody" + bodyAttributes + ">"
                + before + "<" + textName + textAttributes + ">" + text + "</" + textName + ">" + after
                + "</" + bodyPrefix + "nonXMLBody>\n\t</component>\n</ClinicalDocument>\n";
    }

    private static String wrap(String base64, Random r) {
        StringBuilder out = new StringBuilder(base64.length() * 2);
        int width = 1 + r.nextInt(100);
        String[] separators = {"\n", "\r\n", " ", "\t", "\n\t\t\t"};
        for (int i = 0; i < base64.length(); i += width) {
            out.append(base64, i, Math.min(base64.length(), i + width)).append(separators[r.nextInt(separators.length)]);
        }
        return out.toString();
    }
}

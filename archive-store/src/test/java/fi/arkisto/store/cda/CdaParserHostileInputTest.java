package fi.arkisto.store.cda;

import com.sun.net.httpserver.HttpServer;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static fi.arkisto.store.cda.CdaParserRealSampleTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * invariant 7 (docs/invariants.md): malformed or hostile XML gets a clear, specific error, and nothing of what
 * the attacker points at is read, fetched or echoed. The fixtures in {@code hostile/} are shared
 * with the other modules' ingestion tests.
 */
class CdaParserHostileInputTest {

    private final CdaParser parser = new CdaParser();

    private ArchiveException refusalOf(byte[] xml) {
        ArchiveException refusal = catchThrowableOfType(() -> parser.parse(xml), ArchiveException.class);
        assertThat(refusal).as("the parser must refuse the document").isNotNull();
        return refusal;
    }

    @ParameterizedTest(name = "{0} is refused with {1}")
    @CsvSource({
            "xxe-external-entity.xml, XML_DTD_FORBIDDEN",
            "xxe-parameter-entity-external-dtd.xml, XML_DTD_FORBIDDEN",
            "billion-laughs.xml, XML_DTD_FORBIDDEN",
            "parameter-entity-bomb.xml, XML_DTD_FORBIDDEN",
            "plain-doctype.xml, XML_DTD_FORBIDDEN",
            "xinclude.xml, ACTIVE_CONTENT_FORBIDDEN",
            "not-well-formed.xml, MALFORMED_XML",
            "not-a-cda-root.xml, NOT_A_CDA_DOCUMENT",
            "missing-id.xml, MISSING_REQUIRED_FIELD",
            "bad-oid.xml, INVALID_OID",
            "bad-identity-check-character.xml, INVALID_IDENTITY_CODE",
            "invalid-base64-body.xml, INVALID_BASE64",
    })
    void refusesEachSharedHostileFixtureWithItsOwnCode(String file, ErrorCode expected) throws IOException {
        // given a hostile or defective document from the shared fixtures
        byte[] xml = read("/hostile/" + file);

        // when it is parsed
        ArchiveException refusal = refusalOf(xml);

        // then it is refused with its specific code and a message that leaks nothing
        assertThat(refusal.code()).isEqualTo(expected);
        assertThat(refusal.getMessage()).isNotBlank().doesNotContain("root:x:0:0").doesNotContain("150377-912");
    }

    @Test
    void neverReadsTheFileAnExternalEntityPointsAt(@TempDir Path dir) throws IOException {
        // given an XXE whose target is a file with a secret marker
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "SECRET-MARKER-4711");
        String xml = new String(read("/hostile/xxe-external-entity.xml"), StandardCharsets.UTF_8)
                .replace("file:///etc/passwd", secret.toUri().toString());

        // when parsed
        ArchiveException refusal = refusalOf(xml.getBytes(StandardCharsets.UTF_8));

        // then the DTD is refused before the entity is declared, and the secret appears nowhere
        assertThat(refusal.code()).isEqualTo(ErrorCode.XML_DTD_FORBIDDEN);
        assertThat(refusal.getMessage()).doesNotContain("SECRET-MARKER");
        assertThat(refusal).hasNoCause();
    }

    @Test
    void neverFetchesAnExternalDtdOrParameterEntity() throws IOException {
        // given an HTTP server that would serve a malicious DTD and counts every request
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] dtd = "<!ENTITY % send \"<!ENTITY exfiltrate 'x'>\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        server.start();
        try {
            String xml = new String(read("/hostile/xxe-parameter-entity-external-dtd.xml"), StandardCharsets.UTF_8)
                    .replace("127.0.0.1:9", "127.0.0.1:" + server.getAddress().getPort());

            // when the document naming that server is parsed
            ArchiveException refusal = refusalOf(xml.getBytes(StandardCharsets.UTF_8));

            // then it is refused and the server never saw a request
            assertThat(refusal.code()).isEqualTo(ErrorCode.XML_DTD_FORBIDDEN);
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesAnXxeHiddenInUtf16() throws IOException {
        // given the XXE document transcoded to UTF-16 with a byte order mark
        String xml = new String(read("/hostile/xxe-external-entity.xml"), StandardCharsets.UTF_8)
                .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");

        // when parsed, then the DOCTYPE is still seen and refused
        assertThat(refusalOf(xml.getBytes(StandardCharsets.UTF_16)).code()).isEqualTo(ErrorCode.XML_DTD_FORBIDDEN);
    }

    @Test
    void refusesADoctypeInFrontOfTheRealSample() throws IOException {
        // given the real, valid sample with a harmless-looking internal subset added
        String sample = new String(read(CdaParserRealSampleTest.SAMPLE), StandardCharsets.UTF_8);
        byte[] xml = ("<!DOCTYPE ClinicalDocument [<!ENTITY org \"Vantaa\">]>\r\n" + sample)
                .getBytes(StandardCharsets.UTF_8);

        // when parsed, then the DTD alone is enough to refuse it
        assertThat(refusalOf(xml).code()).isEqualTo(ErrorCode.XML_DTD_FORBIDDEN);
    }

    @Test
    void refusesADocumentLargerThanTheDefaultLimitBeforeParsing() {
        // given 20 MiB and one byte (content irrelevant: the size alone decides)
        byte[] xml = new byte[(int) XmlLimits.DEFAULT_MAX_BYTES + 1];
        Arrays.fill(xml, (byte) ' ');

        // when parsed, then
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
        assertThat(refusal.getMessage()).contains("20971521");
    }

    @Test
    void honoursAConfiguredSmallerSizeLimit() throws IOException {
        // given a parser limited to 16 KiB and the 25 KB real sample
        CdaParser small = new CdaParser(new CdaParserLimits(16 * 1024, 64, 256));

        // when parsed, then it is too large for this parser only
        ArchiveException refusal = catchThrowableOfType(() -> small.parse(read(CdaParserRealSampleTest.SAMPLE)),
                ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
    }

    @Test
    void refusesTenThousandNestedElementsWithoutExhaustingTheStack() {
        // given a CDA root with 10,000 nested elements inside
        byte[] xml = nested(10_000);

        // when parsed, then refused as too deep (not a StackOverflowError, not MALFORMED_XML)
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.XML_TOO_DEEP);
        assertThat(refusal.getMessage()).contains("64");
    }

    @Test
    void refusesAHalfMillionNestedElementsJustAsQuickly() {
        // given nesting far beyond any recursive parser's stack (about 4 MB)
        byte[] xml = nested(500_000);

        // when parsed, then the limit stops it after 65 levels
        assertThat(refusalOf(xml).code()).isEqualTo(ErrorCode.XML_TOO_DEEP);
    }

    @Test
    void refusesAnUndeclaredEntityReferenceAsMalformed() {
        // given an entity reference with no DTD to declare it
        byte[] xml = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&xxe;</title></ClinicalDocument>"
                .getBytes(StandardCharsets.UTF_8);

        // when parsed, then it is not well-formed, and the message says where
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.MALFORMED_XML);
        assertThat(refusal.getMessage()).contains("line 1, column");
    }

    @Test
    void refusesBytesThatDoNotMatchTheDeclaredEncoding() {
        // given Latin-1 bytes (ä = 0xE4) under a UTF-8 declaration
        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>ä</title></ClinicalDocument>"
                .getBytes(StandardCharsets.ISO_8859_1);

        // when parsed, then
        assertThat(refusalOf(xml).code()).isEqualTo(ErrorCode.MALFORMED_XML);
    }

    @Test
    void refusesEmptyInputAsMalformed() {
        assertThat(refusalOf(new byte[0]).code()).isEqualTo(ErrorCode.MALFORMED_XML);
        assertThat(refusalOf("   ".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(ErrorCode.MALFORMED_XML);
    }

    @Test
    void refusesAClinicalDocumentInTheWrongNamespace() {
        // given the right local name without the HL7 v3 namespace
        byte[] xml = "<ClinicalDocument><id root=\"1.2.3\"/></ClinicalDocument>".getBytes(StandardCharsets.UTF_8);

        // when parsed, then
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.NOT_A_CDA_DOCUMENT);
        assertThat(refusal.getMessage()).contains("{urn:hl7-org:v3}ClinicalDocument");
    }

    static byte[] nested(int levels) {
        StringBuilder xml = new StringBuilder(levels * 8 + 100);
        xml.append("<ClinicalDocument xmlns=\"urn:hl7-org:v3\">");
        xml.append("<a>".repeat(levels));
        xml.append("</a>".repeat(levels));
        xml.append("</ClinicalDocument>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}

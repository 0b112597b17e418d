package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The parser takes codes exactly as written and refuses documents whose XML IDs repeat (docs/trust.md): rules that
 * read codes or resolve IDs must see exactly what the document says, once.
 */
class CdaParserExactValuesTest {

    private static final String SAMPLE = new String(KantaSamples.realSample(), StandardCharsets.UTF_8);
    private static final String GROUP = "<ep2:documentGroup code=\"1\"";
    private final CdaParser parser = new CdaParser();

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {" 1", "1 ", "1\t", "1\u00a0", "\u200b1", "１"})
    void aCodeThatIsACodeOnlyOnceTrimmedIsRefusedNotStored(String code) {
        // given the sample with its general document type written with whitespace or look-alike characters
        String xml = SAMPLE.replace("<code nullFlavor=\"NA\"/>", "<code code=\"" + code + "\" codeSystem=\"1.2.246.537.6.1506.201701\"/>");

        // when / then
        ArchiveException refusal = refusal(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(refusal.getMessage()).contains("code@code");
    }

    @Test
    void everyCodedHeaderFieldIsTakenExactly() {
        assertThat(refusal(SAMPLE.replace(GROUP, "<ep2:documentGroup code=\"1 \"")).getMessage())
                .contains("hl7fi:documentGroup@code");
        assertThat(refusal(SAMPLE.replace("codeSystem=\"1.2.246.537.6.1505.201601\"", "codeSystem=\" 1.2.246.537.6.1505.201601\""))
                .code()).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void anExactCodeIsReadAsWritten() {
        String xml = SAMPLE.replace("<code nullFlavor=\"NA\"/>", "<code code=\"1\" codeSystem=\"1.2.246.537.6.1506.201701\"/>");

        assertThat(parser.parse(xml.getBytes(StandardCharsets.UTF_8)).metadata().generalDocumentType().code()).isEqualTo("1");
    }

    @Test
    void aForgedBodyCarryingTheSignedBodysIdIsRefused() {
        // given the real sample with a second nonXMLBody, carrying the signed one's ID, in the local header
        String forged = "<nonXMLBody xmlns=\"urn:hl7-org:v3\" ID=\"OID1.2.246.10.32213561.95777.2026.688883.2809773\">"
                + "<text mediaType=\"application/xhtml+xml\" representation=\"B64\">PGRpdi8+</text></nonXMLBody>";
        String xml = SAMPLE.replace("<ep2:creationTime", forged + "<ep2:creationTime");

        // when / then
        ArchiveException refusal = refusal(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.DUPLICATE_ID);
        assertThat(refusal.getMessage()).contains("OID1.2.246.10.32213561.95777.2026.688883.2809773");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ID", "Id", "id", "xml:id"})
    void everyIdAttributeSharesOneSpace(String attribute) {
        // given an element of the header whose ID attribute repeats the signature timestamp's ID
        String xml = SAMPLE.replace("<ep2:creationTime ", "<ep2:creationTime " + attribute + "=\"CDA-aikaleima.1\" ");

        assertThat(refusal(xml).code()).isEqualTo(ErrorCode.DUPLICATE_ID);
    }

    @Test
    void theRealSamplesIdsAreUnique() {
        assertThat(parser.parse(SAMPLE.getBytes(StandardCharsets.UTF_8)).metadata().documentOid().value())
                .isEqualTo("1.2.246.10.32213561.95777.2026.688883.2809773");
    }

    private ArchiveException refusal(String xml) {
        ArchiveException refusal = catchThrowableOfType(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8)),
                ArchiveException.class);
        assertThat(refusal).as("the parser must refuse the document").isNotNull();
        return refusal;
    }
}

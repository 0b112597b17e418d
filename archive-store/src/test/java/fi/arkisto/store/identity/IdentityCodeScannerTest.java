package fi.arkisto.store.identity;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityCodeScannerTest {

    private static final String TEST_CODE = "010101A900R";
    private static final String REAL_CODE = "131052-308T";

    @Test
    void findsCodesInAttributesAndText() throws Exception {
        // given a code in an attribute and another in element text
        Document dom = dom("<a><id extension=\"" + REAL_CODE + "\"/><p>Asiakas " + TEST_CODE + ", puh.</p></a>");

        // then both are found
        assertThat(IdentityCodeScanner.scan(dom)).containsExactly(REAL_CODE, TEST_CODE);
    }

    @Test
    void findsCodesInsideNestedBase64() throws Exception {
        // given a JSON form inside Base64 inside Base64 (an attachment carrying a structured form)
        String json = "{\"henkilotunnus\": \"" + REAL_CODE + "\", \"nimi\": \"Testi Testinen\"}";
        String once = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String twice = Base64.getEncoder().encodeToString(("<x>" + once + "</x>").getBytes(StandardCharsets.UTF_8));
        Document dom = dom("<a><text mediaType=\"text/xml\">" + twice + "</text></a>");

        // then the code two levels down is found
        assertThat(IdentityCodeScanner.scan(dom)).containsExactly(REAL_CODE);
    }

    @Test
    void ignoresLookAlikesAndCodesGluedToOtherCharacters() {
        // a wrong check character, a code inside a longer token, an OID
        assertThat(IdentityCodeScanner.scan("131052-308X 9131052-308T 131052-308T7 1.2.246.10.32213561.10.0")).isEmpty();
    }

    @Test
    void tellsTestCodesFromRealOnes() {
        assertThat(IdentityCodeScanner.isTestCode(TEST_CODE)).isTrue();
        assertThat(IdentityCodeScanner.isTestCode(REAL_CODE)).isFalse();
    }

    private static Document dom(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}

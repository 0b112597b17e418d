package fi.arkisto.store.access.extract;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.testsupport.KantaSamples;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Kanta sample {@code asiakkuusasiakirja_S.xml} and variants of it made by editing its header or its
 * structured form (the edits break its signature, which these tests do not verify).
 */
final class RealSample {

    static final String UNIT = "1.2.246.10.1246109.10.2001213";
    static final String UNIT_BY_RULE = "1.2.246.10.1246109.10.0";
    static final String CONTROLLER = KantaSamples.SAMPLE_CONTROLLER;
    private static final Pattern JSON = Pattern.compile("(<ep2:json[^>]*>)(\\s*)([A-Za-z0-9+/=]+)");
    private static final CdaParser PARSER = new CdaParser();

    private RealSample() {
    }

    static String xml() {
        return new String(KantaSamples.realSample(), StandardCharsets.UTF_8);
    }

    static ParsedDocument parsed() {
        return PARSER.parse(KantaSamples.realSample());
    }

    static ParsedDocument parse(String xml) {
        return PARSER.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The sample's structured form as JSON text. */
    static String structuredForm() {
        Matcher json = JSON.matcher(xml());
        if (!json.find()) {
            throw new IllegalStateException("the sample no longer carries its structured form");
        }
        return new String(Base64.getDecoder().decode(json.group(3)), StandardCharsets.UTF_8);
    }

    /** The sample with another structured form. */
    static String withStructuredForm(String json) {
        String xml = xml();
        Matcher m = JSON.matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("the sample no longer carries its structured form");
        }
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return xml.substring(0, m.start(3)) + encoded + xml.substring(m.end(3));
    }

    /** The sample with elements added to its local social header. */
    static String withLocalHeader(String elements) {
        String xml = xml();
        String anchor = "<ep2:contentSpecificationId>";
        if (!xml.contains(anchor)) {
            throw new IllegalStateException("the sample no longer has " + anchor);
        }
        return xml.replace(anchor, elements + "\n\t\t" + anchor);
    }
}

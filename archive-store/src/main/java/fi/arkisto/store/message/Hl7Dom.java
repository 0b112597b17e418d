package fi.arkisto.store.message;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for walking HL7 v3 ({@code urn:hl7-org:v3}) DOM trees by local name. */
final class Hl7Dom {

    static final String HL7_NS = "urn:hl7-org:v3";

    private static final Pattern TS = Pattern.compile("(\\d{8})(\\d{2})?(\\d{2})?(\\d{2})?(\\.\\d{1,6})?([+-]\\d{4})?");

    private Hl7Dom() {
    }

    static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && HL7_NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && HL7_NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    static Element path(Element start, String... localNames) {
        Element current = start;
        for (String name : localNames) {
            current = child(current, name);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    static String attr(Element element, String name) {
        if (element == null || !element.hasAttribute(name)) {
            return null;
        }
        String value = element.getAttribute(name).trim();
        return value.isEmpty() ? null : value;
    }

    static String text(Element element) {
        if (element == null) {
            return null;
        }
        String value = element.getTextContent().trim();
        return value.isEmpty() ? null : value;
    }

    /** HL7 v3 TS ({@code YYYYMMDD[HH[MM[SS[.S]]]][+ZZZZ]}); a missing zone is read as UTC. */
    static OffsetDateTime timestamp(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = TS.matcher(value);
        if (!m.matches()) {
            throw new DateTimeParseException("Not an HL7 timestamp", value, 0);
        }
        String zone = m.group(6) == null ? "+0000" : m.group(6);
        String normalised = m.group(1) + orZero(m.group(2)) + orZero(m.group(3)) + orZero(m.group(4)) + zone;
        OffsetDateTime time = OffsetDateTime.parse(normalised, DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ"));
        if (m.group(5) != null) {
            String fraction = (m.group(5).substring(1) + "000000").substring(0, 6);
            time = time.plusNanos(Long.parseLong(fraction) * 1000);
        }
        return time;
    }

    static String format(OffsetDateTime time) {
        return time.withOffsetSameInstant(time.getOffset() == null ? ZoneOffset.UTC : time.getOffset())
                .format(DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ"));
    }

    private static String orZero(String group) {
        return group == null ? "00" : group;
    }
}

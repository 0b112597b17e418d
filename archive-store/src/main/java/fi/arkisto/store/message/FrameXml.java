package fi.arkisto.store.message;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Hardened DOM parsing of message frames (DESIGN invariant 7): no DTD, no external entities, no XInclude,
 * a size and an element depth limit. Frames are small; the document they carry is parsed by the CDA parser.
 */
final class FrameXml {

    static final int MAX_FRAME_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 64;

    private FrameXml() {
    }

    static Document parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new ArchiveException(ErrorCode.FRAME_INVALID, "Message frame: empty");
        }
        if (xml.length > MAX_FRAME_BYTES) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE,
                    "Message frame of " + xml.length + " bytes exceeds " + MAX_FRAME_BYTES);
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE") || message.contains("ENTITY")) {
                throw new ArchiveException(ErrorCode.XML_DTD_FORBIDDEN, "Message frame: " + message);
            }
            if (message.contains("maxElementDepth") || message.contains("JAXP00081")) {
                throw new ArchiveException(ErrorCode.XML_TOO_DEEP, "Message frame nests deeper than " + MAX_DEPTH);
            }
            throw new ArchiveException(ErrorCode.MALFORMED_XML,
                    "Message frame is not well-formed XML (line " + e.getLineNumber() + "): " + message);
        } catch (SAXException | IOException e) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "Message frame is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser cannot be hardened", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }
}

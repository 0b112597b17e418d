package fi.arkisto.store.cda;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.ext.Locator2;

import javax.xml.XMLConstants;

/**
 * Builds a namespace-aware DOM from SAX events the way the JDK's {@code DocumentBuilder} would:
 * namespace declarations become attributes in the {@code xmlns} namespace, adjacent character
 * events become one text node, whitespace is kept exactly, comments, CDATA sections and
 * processing instructions are kept. Iterative: the current node is the only state, so depth
 * costs no stack.
 */
final class DomBuilder extends DefaultHandler2 {

    private final Document document;
    private final StringBuilder text = new StringBuilder();
    private Node current;
    private boolean inCdata;
    private Locator locator;

    DomBuilder(Document document) {
        this.document = document;
        this.current = document;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startDocument() {
        // Names come from a conforming parser that already checked them; re-checking each
        // one in the DOM costs time for nothing.
        document.setStrictErrorChecking(false);
    }

    @Override
    public void endDocument() {
        flushText();
        if (locator instanceof Locator2 locator2 && "1.1".equals(locator2.getXMLVersion())) {
            document.setXmlVersion("1.1");
        }
        document.setStrictErrorChecking(true);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        flushText();
        Element element = document.createElementNS(uri == null || uri.isEmpty() ? null : uri, qName);
        for (int i = 0, n = attributes.getLength(); i < n; i++) {
            String attributeName = attributes.getQName(i);
            String value = attributes.getValue(i);
            if (attributeName.equals("xmlns") || attributeName.startsWith("xmlns:")) {
                element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attributeName, value);
            } else {
                String attributeUri = attributes.getURI(i);
                element.setAttributeNS(attributeUri == null || attributeUri.isEmpty() ? null : attributeUri,
                        attributeName, value);
            }
        }
        current.appendChild(element);
        current = element;
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        flushText();
        current = current.getParentNode();
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    @Override
    public void startCDATA() {
        flushText();
        inCdata = true;
    }

    @Override
    public void endCDATA() {
        current.appendChild(document.createCDATASection(text.toString()));
        text.setLength(0);
        inCdata = false;
    }

    @Override
    public void comment(char[] ch, int start, int length) {
        flushText();
        current.appendChild(document.createComment(new String(ch, start, length)));
    }

    @Override
    public void processingInstruction(String target, String data) {
        flushText();
        current.appendChild(document.createProcessingInstruction(target, data));
    }

    private void flushText() {
        if (text.length() > 0 && !inCdata) {
            // Outside the root element SAX reports no character data, so current is an element.
            current.appendChild(document.createTextNode(text.toString()));
            text.setLength(0);
        }
    }
}

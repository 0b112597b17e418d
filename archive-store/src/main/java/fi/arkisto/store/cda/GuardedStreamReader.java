package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * A StAX reader that enforces {@link XmlLimits} and refuses DTDs as {@link SecureXml} does for
 * DOM and SAX. Every way of advancing ({@link #next()}, {@link #nextTag()},
 * {@link #getElementText()}) goes through {@link #next()}, so no event escapes the checks.
 */
final class GuardedStreamReader extends StreamReaderDelegate {

    private final XmlLimits limits;
    private int depth;

    GuardedStreamReader(XMLStreamReader reader, XmlLimits limits) {
        super(reader);
        this.limits = limits;
    }

    @Override
    public int next() {
        int event;
        try {
            event = super.next();
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        switch (event) {
            case DTD, ENTITY_REFERENCE, ENTITY_DECLARATION, NOTATION_DECLARATION ->
                    throw new ArchiveException(ErrorCode.XML_DTD_FORBIDDEN, "A document type declaration or entity was found"
                            + where() + "; DTDs and entities are not accepted");
            case START_ELEMENT -> {
                if (++depth > limits.maxDepth()) {
                    throw new ArchiveException(ErrorCode.XML_TOO_DEEP, "The elements nest deeper than "
                            + limits.maxDepth() + " levels" + where());
                }
                int attributes = getAttributeCount() + getNamespaceCount();
                if (attributes > limits.maxAttributes()) {
                    throw new ArchiveException(ErrorCode.MALFORMED_XML, "An element has " + attributes
                            + " attributes; at most " + limits.maxAttributes() + " are accepted" + where());
                }
            }
            case END_ELEMENT -> depth--;
            default -> {
                // other events carry no risk
            }
        }
        return event;
    }

    @Override
    public boolean hasNext() {
        try {
            return super.hasNext();
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    @Override
    public int nextTag() {
        int event = next();
        while ((event == CHARACTERS || event == CDATA) && isWhiteSpace()
                || event == SPACE || event == PROCESSING_INSTRUCTION || event == COMMENT) {
            event = next();
        }
        if (event != START_ELEMENT && event != END_ELEMENT) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "Expected a start or end tag" + where());
        }
        return event;
    }

    @Override
    public String getElementText() {
        if (getEventType() != START_ELEMENT) {
            throw new IllegalStateException("getElementText needs the reader on a start tag");
        }
        StringBuilder text = new StringBuilder();
        int event = next();
        while (event != END_ELEMENT) {
            if (event == CHARACTERS || event == CDATA || event == SPACE) {
                text.append(getText());
            } else if (event == START_ELEMENT) {
                throw new ArchiveException(ErrorCode.MALFORMED_XML, "Expected text only" + where());
            } else if (event == END_DOCUMENT) {
                throw new ArchiveException(ErrorCode.MALFORMED_XML, "The document ended inside an element");
            }
            event = next();
        }
        return text.toString();
    }

    private String where() {
        Location location = getLocation();
        return location == null ? "" : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    static ArchiveException malformed(XMLStreamException e) {
        Location location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNumber() + ", column "
                + location.getColumnNumber();
        String message = e.getMessage();
        // StAX prefixes its messages with "ParseError at [row,col]:..." and a newline
        int newline = message == null ? -1 : message.lastIndexOf('\n');
        String detail = newline >= 0 ? message.substring(newline + 1) : message;
        return new ArchiveException(ErrorCode.MALFORMED_XML, "Not well-formed XML" + where + ": " + SecureXml.safe(detail));
    }
}

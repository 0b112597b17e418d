package fi.arkisto.store.signature;

import fi.arkisto.store.cda.SecureXml;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;

/** Reading and writing the documents the signer handles. */
final class SignerXml {

    private static final ThreadLocal<Transformer> WRITER = ThreadLocal.withInitial(SignerXml::newWriter);

    private SignerXml() {
    }

    /** Through the archive's hardened parser: documents to be signed come from legacy packages and other systems. */
    static Document parse(byte[] xml) {
        return SecureXml.parseDocument(xml);
    }

    static byte[] write(Document document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        Transformer transformer = WRITER.get();
        try {
            transformer.transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialise the signed document", e);
        }
        return out.toByteArray();
    }

    private static Transformer newWriter() {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
            return transformer;
        } catch (TransformerException e) {
            throw new IllegalStateException("No XML serialiser", e);
        }
    }
}

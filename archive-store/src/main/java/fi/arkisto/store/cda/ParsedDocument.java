package fi.arkisto.store.cda;

import org.w3c.dom.Document;

/**
 * A Kanta CDA document read by {@link CdaParser}: its metadata, its decoded body parts and the
 * DOM it was read into (kept for signature verification, which needs the exact tree).
 *
 * @param displayForm       decoded bytes of {@code nonXMLBody/text} (Base64); null only when the body was
 *                          streamed, then the display form is in {@link StreamedBody#displayForm()}
 * @param displayMediaType  {@code nonXMLBody/text@mediaType}, e.g. {@code application/xhtml+xml}
 * @param structuredForm    decoded bytes of {@code hl7fi:json} (Base64), or null when the document is unstructured
 * @param streamed          null for a document read whole; for one above the in-memory limit read with its body
 *                          streamed ({@link BodySplitter}), the streamed facts, and {@code dom} is the elided DOM
 */
public record ParsedDocument(DocumentMetadata metadata, byte[] displayForm, String displayMediaType,
                             byte[] structuredForm, Document dom, StreamedBody streamed) {

    public ParsedDocument(DocumentMetadata metadata, byte[] displayForm, String displayMediaType,
                          byte[] structuredForm, Document dom) {
        this(metadata, displayForm, displayMediaType, structuredForm, dom, null);
    }

    public boolean isStreamed() {
        return streamed != null;
    }
}

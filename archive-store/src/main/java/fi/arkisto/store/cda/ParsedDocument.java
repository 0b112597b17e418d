package fi.arkisto.store.cda;

import fi.arkisto.store.document.DocumentMetadata;
import org.w3c.dom.Document;

/**
 * A Kanta CDA document read by {@link CdaParser}: its metadata, its decoded body parts and the
 * DOM it was read into (kept for signature verification, which needs the exact tree).
 *
 * @param displayForm       decoded bytes of {@code nonXMLBody/text} (Base64), never null
 * @param displayMediaType  {@code nonXMLBody/text@mediaType}, e.g. {@code application/xhtml+xml}
 * @param structuredForm    decoded bytes of {@code hl7fi:json} (Base64), or null when the document is unstructured
 */
public record ParsedDocument(DocumentMetadata metadata, byte[] displayForm, String displayMediaType,
                             byte[] structuredForm, Document dom) {
}

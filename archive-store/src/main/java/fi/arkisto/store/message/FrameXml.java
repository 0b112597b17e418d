package fi.arkisto.store.message;

import fi.arkisto.store.cda.SecureXml;
import fi.arkisto.store.cda.XmlLimits;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.w3c.dom.Document;

/**
 * Frames are parsed with the project's hardened parser ({@link SecureXml}: no DTD, no entities, size and depth
 * limits, invariant 7 (docs/invariants.md)), with a size limit fit for a frame: the document it carries is parsed separately.
 */
final class FrameXml {

    static final int MAX_FRAME_BYTES = 1024 * 1024;
    private static final XmlLimits LIMITS = XmlLimits.defaults().withMaxBytes(MAX_FRAME_BYTES);

    private FrameXml() {
    }

    static Document parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new ArchiveException(ErrorCode.FRAME_INVALID, "Message frame: empty");
        }
        return SecureXml.parseDocument(xml, LIMITS);
    }
}

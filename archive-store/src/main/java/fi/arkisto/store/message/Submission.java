package fi.arkisto.store.message;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What one channel handed in, before it is understood: a plain CDA document, a message frame with its document,
 * or a frame whose document is one of several MIME parts ({@code attachments}, keyed by normalised Content-ID,
 * resolved through the frame's {@code text/mimeEncode/DXS@id} by {@link MessageService}). See docs/messages.md.
 *
 * @param frame       the {@code RCMR_IN200002FI01} frame bytes, or null for a plain document
 * @param document    the CDA document bytes, or null when it is still among the attachments (or a nullification)
 * @param attachments MIME parts other than the frame, keyed by Content-ID without angle brackets
 */
public record Submission(byte[] frame, byte[] document, Map<String, byte[]> attachments) {

    public Submission {
        attachments = attachments == null ? Map.of() : Map.copyOf(attachments);
    }

    /** A document without a frame: the channel supplies the request context. */
    public static Submission document(byte[] cda) {
        return new Submission(null, cda, Map.of());
    }

    /** A frame and its document handed in side by side (REST form parts {@code frame} + {@code document}, ZIP pairs). */
    public static Submission framed(byte[] frame, byte[] document) {
        return new Submission(frame, document, Map.of());
    }

    public boolean hasFrame() {
        return frame != null;
    }

    /** The bytes the reject store fingerprints: the document when there is one, else the frame. */
    byte[] fingerprintBytes() {
        if (document != null) {
            return document;
        }
        return frame != null ? frame : new byte[0];
    }

    /**
     * Reads one opaque payload by its content type, or by sniffing when the channel has none: a MIME
     * {@code multipart/related} message (with or without its own headers), a frame alone (a nullification),
     * or a plain CDA document.
     */
    public static Submission read(byte[] payload, String contentType) {
        if (payload == null || payload.length == 0) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The submission is empty");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
        if (type.startsWith("multipart/related")) {
            return MultipartRelated.read(payload, contentType);
        }
        if (type.startsWith("multipart/")) {
            throw new ArchiveException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content type " + contentType + " is not accepted; send multipart/related");
        }
        if (type.isEmpty() || type.startsWith("message/") || type.equals("application/octet-stream")) {
            if (MultipartRelated.looksLikeMimeMessage(payload)) {
                return MultipartRelated.read(payload, null);
            }
        }
        String root = RootElement.of(payload);
        if (root == null) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST,
                    "The submission is neither a CDA document, a message frame nor a multipart/related message");
        }
        if (MessageFrame.INTERACTION.equals(root)) {
            return new Submission(payload, null, Map.of());
        }
        return document(payload);
    }

    /** The local name of the first element, found without parsing (the parsers that follow are the hardened ones). */
    static final class RootElement {
        private RootElement() {
        }

        static String of(byte[] payload) {
            String head = new String(payload, 0, Math.min(payload.length, 8192), StandardCharsets.UTF_8);
            int i = 0;
            if (head.startsWith("\uFEFF")) {
                i = 1;
            }
            while (i < head.length()) {
                char c = head.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (head.startsWith("<?", i)) {
                    int end = head.indexOf("?>", i);
                    if (end < 0) {
                        return null;
                    }
                    i = end + 2;
                } else if (head.startsWith("<!--", i)) {
                    int end = head.indexOf("-->", i);
                    if (end < 0) {
                        return null;
                    }
                    i = end + 3;
                } else if (head.startsWith("<!", i)) {
                    // a DOCTYPE: let the hardened parser refuse it with XML_DTD_FORBIDDEN
                    return "!DOCTYPE";
                } else if (c == '<') {
                    int start = i + 1;
                    int end = start;
                    while (end < head.length() && !Character.isWhitespace(head.charAt(end))
                            && head.charAt(end) != '>' && head.charAt(end) != '/') {
                        end++;
                    }
                    String qname = head.substring(start, end);
                    int colon = qname.indexOf(':');
                    return qname.isEmpty() ? null : qname.substring(colon + 1);
                } else {
                    return null;
                }
            }
            return null;
        }
    }
}

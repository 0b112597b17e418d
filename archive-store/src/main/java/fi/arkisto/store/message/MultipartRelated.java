package fi.arkisto.store.message;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a MIME {@code multipart/related} (RFC 2387) Kanta message with Jakarta Mail (Angus): the root part (the
 * {@code start} parameter, else the first part) is the frame, every other part an attachment keyed by Content-ID.
 * Transfer encodings (base64, quoted-printable) are decoded by the library.
 */
final class MultipartRelated {

    private static final Session SESSION = JakartaMail.SESSION;

    private MultipartRelated() {
    }

    static boolean looksLikeMimeMessage(byte[] payload) {
        String head = new String(payload, 0, Math.min(payload.length, 2048), StandardCharsets.US_ASCII)
                .toLowerCase(Locale.ROOT);
        return head.startsWith("mime-version:") || head.startsWith("content-type:")
                || head.contains("\ncontent-type: multipart/related") || head.contains("\r\ncontent-type: multipart/related");
    }

    /** @param contentType the transport's content type with its boundary, or null when the payload carries headers */
    static Submission read(byte[] payload, String contentType) {
        try {
            MimeMultipart multipart;
            String type;
            if (contentType == null) {
                MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(payload));
                type = message.getContentType();
                if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
                    throw new ArchiveException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                            "The MIME message is " + type + ", expected multipart/related");
                }
                multipart = new MimeMultipart(new ByteArrayDataSource(message.getRawInputStream(), type));
            } else {
                type = contentType;
                multipart = new MimeMultipart(new ByteArrayDataSource(payload, contentType));
            }
            int count = multipart.getCount();
            if (count < 1) {
                throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The multipart/related message has no parts");
            }
            String start = normalise(new ContentType(type).getParameter("start"));
            int rootIndex = 0;
            if (start != null) {
                rootIndex = -1;
                for (int i = 0; i < count; i++) {
                    if (start.equals(contentId(multipart.getBodyPart(i)))) {
                        rootIndex = i;
                    }
                }
                if (rootIndex < 0) {
                    throw new ArchiveException(ErrorCode.INVALID_REQUEST,
                            "The multipart/related start part <" + start + "> is not in the message");
                }
            }
            byte[] frame = null;
            Map<String, byte[]> attachments = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                BodyPart part = multipart.getBodyPart(i);
                byte[] bytes;
                try (InputStream in = part.getInputStream()) {
                    bytes = in.readAllBytes();
                }
                if (i == rootIndex) {
                    frame = bytes;
                } else {
                    String id = contentId(part);
                    attachments.put(id == null ? "part-" + i : id, bytes);
                }
            }
            return new Submission(frame, null, attachments);
        } catch (ParseException e) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The MIME message cannot be parsed: " + e.getMessage());
        } catch (MessagingException | IOException e) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The MIME message cannot be read: " + e.getMessage());
        }
    }

    private static String contentId(BodyPart part) throws MessagingException {
        String[] ids = part.getHeader("Content-ID");
        return ids == null || ids.length == 0 ? null : normalise(ids[0]);
    }

    static String normalise(String contentId) {
        if (contentId == null) {
            return null;
        }
        String id = contentId.trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        if (id.regionMatches(true, 0, "cid:", 0, 4)) {
            id = id.substring(4);
        }
        return id.isEmpty() ? null : id;
    }
}

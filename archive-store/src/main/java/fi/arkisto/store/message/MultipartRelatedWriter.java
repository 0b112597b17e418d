package fi.arkisto.store.message;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Builds the {@code multipart/related} form of a Kanta message (frame first, the RFC 2387 default root, document as the part whose
 * Content-ID the frame's {@code DXS@id} names), the way a client information system sends it. Used by the
 * file-drop conventions, tests and the queue benchmark; documented in docs/messages.md.
 */
public final class MultipartRelatedWriter {

    /** A MIME body with the content type (boundary included) the transport must carry. */
    public record Encoded(String contentType, byte[] body) {
    }

    private MultipartRelatedWriter() {
    }

    /** The body only, for transports with their own content-type header (HTTP, AMQP). */
    public static Encoded write(byte[] frame, byte[] document, String documentContentId) {
        try {
            MimeMultipart multipart = multipart(frame, document, documentContentId);
            ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + document.length * 4 / 3 + 1024);
            multipart.writeTo(out);
            return new Encoded(multipart.getContentType().replaceAll("\\s+", " "), out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot write a multipart/related message", e);
        }
    }

    /** A complete MIME message with headers, for files ({@code .mime}). */
    public static byte[] writeMessage(byte[] frame, byte[] document, String documentContentId) {
        try {
            MimeMessage message = new MimeMessage(JakartaMail.SESSION);
            message.setContent(multipart(frame, document, documentContentId));
            message.saveChanges();
            message.removeHeader("Message-ID");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot write a multipart/related message", e);
        }
    }

    private static MimeMultipart multipart(byte[] frame, byte[] document, String documentContentId) throws MessagingException {
        JakartaMail.ready();
        MimeMultipart multipart = new MimeMultipart("related");
        MimeBodyPart framePart = new MimeBodyPart();
        framePart.setDataHandler(new DataHandler(new ByteArrayDataSource(frame, "text/xml; charset=UTF-8")));
        framePart.setContentID("<frame>");
        framePart.setHeader("Content-Transfer-Encoding", "base64");
        multipart.addBodyPart(framePart);
        MimeBodyPart documentPart = new MimeBodyPart();
        documentPart.setDataHandler(new DataHandler(new ByteArrayDataSource(document, "text/xml; charset=UTF-8")));
        documentPart.setContentID("<" + documentContentId + ">");
        documentPart.setHeader("Content-Transfer-Encoding", "base64");
        multipart.addBodyPart(documentPart);
        return multipart;
    }
}

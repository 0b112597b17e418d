package fi.arkisto.store.message;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmissionTest {

    @Test
    void readsTheSampleAsMultipartRelatedWithItsContentType() {
        // given the frame K with the document S as the part its DXS@id names
        MultipartRelatedWriter.Encoded mime =
                MultipartRelatedWriter.write(KantaSamples.frame(), KantaSamples.document(), "1112120");

        // when
        Submission submission = Submission.read(mime.body(), mime.contentType());

        // then the parts come back byte-exact
        assertThat(mime.contentType()).startsWith("multipart/related");
        assertThat(submission.frame()).isEqualTo(KantaSamples.frame());
        assertThat(submission.attachments()).containsOnlyKeys("1112120");
        assertThat(submission.attachments().get("1112120")).isEqualTo(KantaSamples.document());
    }

    @Test
    void readsAMimeMessageFileWithItsOwnHeaders() {
        byte[] message = MultipartRelatedWriter.writeMessage(KantaSamples.frame(), KantaSamples.document(), "1112120");

        Submission submission = Submission.read(message, null);

        assertThat(submission.frame()).isEqualTo(KantaSamples.frame());
        assertThat(submission.attachments().get("1112120")).isEqualTo(KantaSamples.document());
    }

    @Test
    void tellsAPlainDocumentFromAFrameBySniffing() {
        assertThat(Submission.read(KantaSamples.document(), "application/xml").document()).isEqualTo(KantaSamples.document());
        assertThat(Submission.read(KantaSamples.document(), null).hasFrame()).isFalse();
        Submission frameOnly = Submission.read(KantaSamples.frame(), "text/xml");
        assertThat(frameOnly.frame()).isEqualTo(KantaSamples.frame());
        assertThat(frameOnly.document()).isNull();
    }

    @Test
    void refusesGarbageAndOtherMultiparts() {
        assertThatThrownBy(() -> Submission.read("hello".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> Submission.read(new byte[0], null))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> Submission.read("x".getBytes(StandardCharsets.UTF_8), "multipart/mixed; boundary=x"))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
    }
}

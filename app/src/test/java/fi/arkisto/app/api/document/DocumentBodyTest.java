package fi.arkisto.app.api.document;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentBodyTest {

    @Test
    void readsTheBytesExactlyAsSent() throws Exception {
        byte[] sent = "\uFEFF<?xml version=\"1.0\"?>\r\n<x/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(DocumentBody.read(new ByteArrayInputStream(sent), -1, 1000)).isEqualTo(sent);
    }

    @Test
    void refusesABodyOverTheLimitWhetherDeclaredOrStreamed() {
        byte[] body = new byte[101];

        assertThatThrownBy(() -> DocumentBody.read(new ByteArrayInputStream(body), 101, 100))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE));
        assertThatThrownBy(() -> DocumentBody.read(new ByteArrayInputStream(body), -1, 100))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE));
    }

    @Test
    void anEmptyBodyIsMalformedXml() {
        assertThatThrownBy(() -> DocumentBody.read(new ByteArrayInputStream(new byte[0]), 0, 100))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_XML));
    }

    @Test
    void ifNoneMatchAcceptsListsWeakTagsAndTheWildcard() {
        String sha = "ab".repeat(32);

        assertThat(DocumentController.matches("\"" + sha + "\"", sha)).isTrue();
        assertThat(DocumentController.matches("\"other\", W/\"" + sha + "\"", sha)).isTrue();
        assertThat(DocumentController.matches("*", sha)).isTrue();
        assertThat(DocumentController.matches("\"other\"", sha)).isFalse();
        assertThat(DocumentController.matches(sha, sha)).as("an unquoted tag is not an entity tag").isFalse();
    }
}

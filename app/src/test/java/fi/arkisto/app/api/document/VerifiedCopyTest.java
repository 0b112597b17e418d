package fi.arkisto.app.api.document;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The original is streamed to the client holding its last bytes back until the object verified at its end. */
class VerifiedCopyTest {

    @Test
    void aVerifiedStreamIsCopiedWhole() throws IOException {
        // given bytes of several buffers
        byte[] bytes = random(200_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when copied
        DocumentController.copyVerified(new ByteArrayInputStream(bytes), out);

        // then all of them arrive
        assertThat(out.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void aStreamThatFailsAtItsEndNeverDeliversItsLastBytes() {
        // given a stream that fails verification when its end is reached
        byte[] bytes = random(200_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream failingAtEnd = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("SHA-256 mismatch");
                }
                return n;
            }
        };

        // when copied, then the copy fails and the client got less than the whole
        assertThatThrownBy(() -> DocumentController.copyVerified(failingAtEnd, out)).isInstanceOf(IOException.class);
        assertThat(out.size()).isLessThan(bytes.length);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(5).nextBytes(bytes);
        return bytes;
    }
}

package fi.arkisto.store.document;

import java.io.IOException;
import java.io.InputStream;

/**
 * The original bytes of an archived version as a stream (a 1.37 GB document is read with a small heap).
 * The stream checks the recorded SHA-256 and size at its end and fails its last read with an {@link IOException}
 * when they do not match: a consumer hands on the final bytes only after the end was reached cleanly.
 */
public record ContentStream(InputStream content, String sha256, long size, ArchivedDocument document)
        implements AutoCloseable {

    @Override
    public void close() throws IOException {
        content.close();
    }
}

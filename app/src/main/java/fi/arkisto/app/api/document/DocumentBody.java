package fi.arkisto.app.api.document;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a submitted document's bytes exactly as sent (the archive stores the original byte-exact),
 * refusing more than the configured maximum without buffering it.
 */
final class DocumentBody {

    private DocumentBody() {
    }

    static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 16 * 1024);
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        if (total == 0) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "The request body is empty; send the CDA document");
        }
        return out.toByteArray();
    }

    private static ArchiveException tooLarge(long maxBytes) {
        return new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "The document exceeds " + maxBytes + " bytes");
    }
}

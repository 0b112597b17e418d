package fi.arkisto.app.api;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body (or part) exactly as sent, refusing more than a maximum without buffering it:
 * a declared length over the limit is refused before reading, an undeclared one as soon as it passes.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * @param what names the body in the refusal, e.g. "document" or "message"
     * @throws ArchiveException DOCUMENT_TOO_LARGE
     */
    public static byte[] read(InputStream in, long declaredLength, long maxBytes, String what) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(what, maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 16 * 1024);
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(what, maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ArchiveException tooLarge(String what, long maxBytes) {
        return new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "The " + what + " exceeds " + maxBytes + " bytes");
    }
}

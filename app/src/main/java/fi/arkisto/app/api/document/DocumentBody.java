package fi.arkisto.app.api.document;

import fi.arkisto.app.api.BoundedBody;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

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
        byte[] body = BoundedBody.read(in, declaredLength, maxBytes, "document");
        if (body.length == 0) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "The request body is empty; send the CDA document");
        }
        return body;
    }
}

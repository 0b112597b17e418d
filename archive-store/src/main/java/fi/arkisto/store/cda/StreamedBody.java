package fi.arkisto.store.cda;

import java.nio.file.Path;

/**
 * What {@link BodySplitter} learnt of a document read with its body streamed (constant memory, docs/write-path.md): the
 * decoded display form on disk, the digests a signature's body reference is compared with, and the raw input's
 * SHA-256 and size.
 *
 * @param displayForm       the file holding the decoded display form (owned by whoever asked for the read)
 * @param displayFormBytes  its length
 * @param bodyDigest        SHA-256 of the exclusive-C14N body in the Kanta form (whitespace-only text left out)
 * @param literalBodyDigest the same with whitespace-only text kept
 * @param bodyWhitespace    whether the two forms differ
 * @param sha256            SHA-256 (hex) of the document's bytes
 * @param size              the document's length in bytes
 */
public record StreamedBody(Path displayForm, long displayFormBytes, byte[] bodyDigest, byte[] literalBodyDigest,
                           boolean bodyWhitespace, String sha256, long size) {
}

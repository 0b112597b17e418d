package fi.arkisto.store.message;

import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.rejection.PayloadFingerprint;
import fi.arkisto.store.rejection.RejectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intake's side of the reject store (docs/messages.md, "Reject store"): under which fingerprint a refusal is
 * recorded, and the resolution of earlier refusals once their document archives. A refusal is recorded under its
 * document's bytes whenever the submission carried a readable document, a frame's MIME part included, so that the
 * archiving of those bytes later, by any channel, finds it.
 */
final class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private final RejectionStore rejections;
    private final MessageFrameParser frameParser;

    Refusals(RejectionStore rejections, MessageFrameParser frameParser) {
        this.rejections = rejections;
        this.frameParser = frameParser;
    }

    RejectionStore rejections() {
        return rejections;
    }

    /** An opaque payload's fingerprint: its document's bytes when it can be read, else the payload as it came. */
    PayloadFingerprint fingerprintOf(byte[] payload, String contentType) {
        try {
            return fingerprintOf(Submission.read(payload, contentType));
        } catch (RuntimeException unreadable) {
            return PayloadFingerprint.of(payload == null ? new byte[0] : payload);
        }
    }

    /** A submission's fingerprint: its document's bytes, found through its frame when it is a MIME part. */
    PayloadFingerprint fingerprintOf(Submission submission) {
        if (submission.hasFrame() && submission.document() == null) {
            try {
                return PayloadFingerprint.of(FramedDocuments.documentOf(submission,
                        frameParser.parse(submission.frame())));
            } catch (RuntimeException noDocument) {
                // the frame names no document it carries: the frame is what there is
            }
        }
        return PayloadFingerprint.of(submission.fingerprintBytes());
    }

    /**
     * Earlier refusals of the documents' bytes are resolved now that they are archived, in one batch. Bookkeeping after
     * the commit: a failure here leaves them unresolved until the next archiving of those bytes, and never undoes the
     * archiving.
     */
    void resolvedBy(List<ArchivedDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        Map<String, String> digests = new LinkedHashMap<>();
        documents.forEach(document -> digests.putIfAbsent(document.oid().value(), document.sha256()));
        try {
            int resolved = rejections.resolve(digests);
            if (resolved > 0) {
                log.info("{} earlier refusal(s) resolved by the archiving of {}", resolved, digests.keySet());
            }
        } catch (RuntimeException e) {
            log.warn("Earlier refusals of {} could not be marked resolved: {}", digests.keySet(), e.toString());
        }
    }
}

package fi.arkisto.store.message;

import fi.arkisto.store.access.RequestContext;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.BulkResult;
import fi.arkisto.store.document.DocumentMetadata;
import fi.arkisto.store.document.DocumentOid;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.rejection.PayloadFingerprint;
import fi.arkisto.store.rejection.RejectionStore;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one way every ingestion channel (file drop, queue, REST) hands a submission to the archive (issue 4): reads
 * the frame, takes the request context from it, checks that frame and document agree, archives or nullifies through
 * {@link ArchivingService}, and answers with an {@link Acknowledgement}. A refusal is written to the reject store
 * before the acknowledgement is returned, so a channel that acknowledges after this call never loses a submission
 * (DESIGN invariant 1). {@link ErrorCode#STORAGE_UNAVAILABLE} is not a verdict on the submission: it is thrown, for
 * the channel to retry.
 */
@Service
public class MessageService {

    private final ArchivingService archiving;
    private final RejectionStore rejections;
    private final CdaParser cdaParser;
    private final MessageFrameParser frameParser = new MessageFrameParser();

    public MessageService(ArchivingService archiving, RejectionStore rejections, CdaParser cdaParser) {
        this.archiving = archiving;
        this.rejections = rejections;
        this.cdaParser = cdaParser;
    }

    /**
     * Reads an opaque payload ({@link Submission#read}) and submits it; a payload that cannot be read at all is
     * rejected and recorded like any other refusal.
     */
    public Acknowledgement submit(byte[] payload, String contentType, SubmissionSource source) {
        Submission submission;
        try {
            submission = Submission.read(payload, contentType);
        } catch (ArchiveException e) {
            return reject(payload, source, e);
        }
        return submit(submission, source);
    }

    /** Records a refusal a channel found before the submission could be read (size, headers) and answers it. */
    public Acknowledgement reject(byte[] payload, SubmissionSource source, ArchiveException error) {
        rejections.record(source.channel(), source.reference(), source.transportMessageId(), source.receivedAt(),
                error.code(), error.detail(), PayloadFingerprint.of(payload));
        return Acknowledgement.refused(null, transportId(source), error, null);
    }

    public Acknowledgement submit(Submission submission, SubmissionSource source) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(source, "source");
        MessageFrame frame = null;
        String documentOid = null;
        try {
            if (submission.hasFrame()) {
                frame = frameParser.parse(submission.frame());
                documentOid = frame.document().documentOid();
                RequestContext context = frame.requestContext();
                source.authorise(context);
                if (frame.operation() == MessageOperation.NULLIFY) {
                    return nullify(frame, context, source);
                }
                byte[] document = documentOf(submission, frame);
                ParsedDocument parsed = cdaParser.parse(document);
                checkAgreement(frame.document(), parsed.metadata());
                return accepted(frame, source, archiving.archive(document, context, source.intake()));
            }
            byte[] document = submission.document();
            if (document == null) {
                throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The submission carries no document");
            }
            RequestContext context = source.documentContext();
            if (context == null) {
                ParsedDocument parsed = cdaParser.parse(document);
                documentOid = parsed.metadata().documentOid().value();
                context = new RequestContext(Oid.of(parsed.metadata().controllerOid()), source.systemUser(),
                        RequestContext.OWN_REGISTER_USE);
            }
            source.authorise(context);
            return accepted(null, source, archiving.archive(document, context, source.intake()));
        } catch (ArchiveException e) {
            if (e.code() == ErrorCode.STORAGE_UNAVAILABLE) {
                throw e;
            }
            String messageId = frame != null ? frame.messageId().toString() : source.transportMessageId();
            rejections.record(source.channel(), source.reference(), messageId, source.receivedAt(), e.code(),
                    e.detail(), PayloadFingerprint.of(submission.fingerprintBytes()));
            return Acknowledgement.refused(frame, transportId(source), e, documentOid);
        }
    }

    /**
     * The bulk form for frameless documents (file-drop packages): documents acting for the same context are archived
     * together through {@link ArchivingService#archiveAll} (parallel object writes, one metadata batch), with every
     * rule of {@link #submit}. One bad document never fails the others; its refusal is recorded like any other.
     *
     * @return one acknowledgement per document, in order
     * @throws ArchiveException STORAGE_UNAVAILABLE when any document could not be stored, after the others were settled
     */
    public List<Acknowledgement> submitDocuments(List<byte[]> documents, List<SubmissionSource> sources) {
        if (documents.size() != sources.size()) {
            throw new IllegalArgumentException("one source per document");
        }
        Acknowledgement[] acks = new Acknowledgement[documents.size()];
        // one archiveAll per acting context and arrival (a package's entries share both)
        Map<Map.Entry<RequestContext, Intake>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            SubmissionSource source = sources.get(i);
            try {
                RequestContext context = source.documentContext();
                if (context == null) {
                    DocumentMetadata metadata = cdaParser.parse(documents.get(i)).metadata();
                    context = new RequestContext(Oid.of(metadata.controllerOid()), source.systemUser(),
                            RequestContext.OWN_REGISTER_USE);
                }
                source.authorise(context);
                groups.computeIfAbsent(Map.entry(context, source.intake()), c -> new ArrayList<>()).add(i);
            } catch (ArchiveException e) {
                acks[i] = reject(documents.get(i), source, e);
            }
        }
        ArchiveException unavailable = null;
        for (Map.Entry<Map.Entry<RequestContext, Intake>, List<Integer>> group : groups.entrySet()) {
            List<Integer> indices = group.getValue();
            List<byte[]> batch = indices.stream().map(documents::get).toList();
            for (BulkResult result : archiving.archiveAll(batch, group.getKey().getKey(), group.getKey().getValue())) {
                int i = indices.get(result.index());
                if (result.succeeded()) {
                    acks[i] = accepted(null, sources.get(i), result.outcome());
                } else if (result.error().code() == ErrorCode.STORAGE_UNAVAILABLE) {
                    unavailable = result.error();
                } else {
                    acks[i] = reject(documents.get(i), sources.get(i), result.error());
                }
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return Arrays.asList(acks);
    }

    private Acknowledgement nullify(MessageFrame frame, RequestContext context, SubmissionSource source) {
        if (frame.reasonText() == null) {
            throw new ArchiveException(ErrorCode.NULLIFICATION_REASON_REQUIRED,
                    "A nullification frame needs its reason in controlActProcess/text");
        }
        ArchivedDocument document = archiving.nullify(DocumentOid.of(frame.document().documentOid()),
                frame.reasonText(), context);
        return Acknowledgement.accepted(frame, transportId(source), SubmissionOutcome.NULLIFIED, document);
    }

    private static Acknowledgement accepted(MessageFrame frame, SubmissionSource source, ArchiveOutcome outcome) {
        return Acknowledgement.accepted(frame, transportId(source),
                outcome.created() ? SubmissionOutcome.ARCHIVED : SubmissionOutcome.DUPLICATE, outcome.document());
    }

    private static MessageId transportId(SubmissionSource source) {
        String id = source.transportMessageId();
        return id != null && Oid.isValid(id) ? new MessageId(id, null) : null;
    }

    /** The document a frame carries: handed in beside it, or the MIME part its {@code DXS@id} names. */
    private static byte[] documentOf(Submission submission, MessageFrame frame) {
        if (submission.document() != null) {
            return submission.document();
        }
        String reference = MultipartRelated.normalise(frame.document().attachmentReference());
        if (reference != null) {
            byte[] part = submission.attachments().get(reference);
            if (part == null) {
                part = submission.attachments().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(reference + "@"))
                        .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
            }
            if (part == null) {
                throw new ArchiveException(ErrorCode.FRAME_INVALID, "Message frame: the attachment " + reference
                        + " named by text/mimeEncode/DXS@id is not among the MIME parts " + submission.attachments().keySet());
            }
            return part;
        }
        if (submission.attachments().size() == 1) {
            return submission.attachments().values().iterator().next();
        }
        throw new ArchiveException(ErrorCode.FRAME_INVALID, submission.attachments().isEmpty()
                ? "Message frame: the document is missing"
                : "Message frame: no text/mimeEncode/DXS@id tells which of " + submission.attachments().size()
                + " parts is the document");
    }

    /** Frame and document must name the same version, client and register (issue 4). */
    static void checkAgreement(FramedDocument framed, DocumentMetadata document) {
        agree("id", framed.documentOid(), document.documentOid().value());
        agree("setId", framed.setId(), document.setId());
        agree("versionNumber", framed.versionNumber() == null ? null : String.valueOf(framed.versionNumber()),
                String.valueOf(document.versionNumber()));
        agree("recordTarget id", framed.clientId(), document.clientId());
        if (framed.clientIdRoot() != null) {
            agree("recordTarget id@root", framed.clientIdRoot(), document.clientIdRoot());
        }
        agree("custodian", framed.custodianOid(), document.controllerOid());
    }

    private static void agree(String field, String inFrame, String inDocument) {
        if (inFrame == null) {
            throw new ArchiveException(ErrorCode.FRAME_INVALID, "Message frame: clinicalDocument " + field + " is missing");
        }
        if (!inFrame.equals(inDocument)) {
            // identity codes are personal data: name the field, never the values
            boolean personal = field.startsWith("recordTarget");
            throw new ArchiveException(ErrorCode.FRAME_DOCUMENT_MISMATCH, "The frame and the document disagree on "
                    + field + (personal ? "" : ": frame " + inFrame + ", document " + inDocument));
        }
    }
}

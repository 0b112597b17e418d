package fi.arkisto.store.message;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.BulkResult;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.Preparation;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.rejection.PayloadFingerprint;
import fi.arkisto.store.rejection.RejectionStore;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one intake of every ingestion channel (REST documents and messages, queue, file drop): reads the frame, takes
 * the request context from it (or from the channel, or from the document's own custodian), has the document
 * prepared once ({@link ArchivingService#prepare}: parsed once, hashed once, frame agreement and the channel's
 * authorisation checked on the parsed document before the archiving-stage checks), archives or nullifies it, answers
 * with an {@link Acknowledgement} and observes the verdict ({@link IngestMetrics}). A refusal is written to the reject
 * store before the acknowledgement is returned, so a channel that acknowledges after this call never loses a
 * submission (invariant 1 (docs/invariants.md)). {@link ErrorCode#STORAGE_UNAVAILABLE} is not a verdict on the submission: it is
 * thrown, for the channel to retry, except by {@link #receiveOnce}, for channels whose sender retries. See
 * docs/write-path.md.
 */
@Service
public class MessageService {

    /**
     * What one submission came to: its acknowledgement and either the archiving outcome (null for a nullification)
     * or the refusal.
     */
    public record Receipt(Acknowledgement acknowledgement, ArchiveOutcome outcome, ArchiveException refusal) {
    }

    private final ArchivingService archiving;
    private final Refusals refusals;
    private final IngestMetrics metrics;
    private final GroupCommit groups;
    private final MessageFrameParser frameParser = new MessageFrameParser();

    public MessageService(ArchivingService archiving, RejectionStore rejections, IngestMetrics metrics,
                          IntakeProperties properties) {
        this.archiving = archiving;
        this.refusals = new Refusals(rejections, frameParser);
        this.metrics = metrics;
        this.groups = new GroupCommit(archiving, properties.batching(), metrics::groupArchived);
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
        return reject(PayloadFingerprint.of(payload), source, error);
    }

    /** {@link #reject(byte[], SubmissionSource, ArchiveException)} for a payload the channel fingerprinted itself. */
    public Acknowledgement reject(PayloadFingerprint payload, SubmissionSource source, ArchiveException error) {
        refusals.rejections().record(source.channel(), source.reference(), source.transportMessageId(), source.receivedAt(),
                error.code(), error.detail(), payload);
        return observed(source, Acknowledgement.refused(null, transportId(source), error, null));
    }

    /**
     * {@link #submit(byte[], String, SubmissionSource)} for a payload the channel fingerprinted while reading it (the
     * file drop): the fingerprint is the reject record's, and the document's SHA-256 when the payload is a plain
     * document, so the bytes are not hashed again.
     */
    public Acknowledgement submit(byte[] payload, PayloadFingerprint fingerprint, String contentType,
                                  SubmissionSource source) {
        Submission submission;
        try {
            submission = Submission.read(payload, contentType);
        } catch (ArchiveException e) {
            return reject(fingerprint, source, e);
        }
        return receive(submission, source, new Fingerprinted(payload, fingerprint)).acknowledgement();
    }

    public Acknowledgement submit(Submission submission, SubmissionSource source) {
        return receive(submission, source, null).acknowledgement();
    }

    /**
     * {@link #submit(Submission, SubmissionSource)} for a channel whose sender retries (REST): STORAGE_UNAVAILABLE
     * too is answered, recorded and counted as a refusal.
     */
    public Receipt receiveOnce(Submission submission, SubmissionSource source) {
        try {
            return receive(submission, source, null);
        } catch (ArchiveException e) {
            return new Receipt(reject(refusals.fingerprintOf(submission), source, e), null, e);
        }
    }

    /** {@link #receiveOnce(Submission, SubmissionSource)} for an opaque payload ({@link #submit(byte[], String, SubmissionSource)}). */
    public Receipt receiveOnce(byte[] payload, String contentType, SubmissionSource source) {
        Submission submission;
        try {
            submission = Submission.read(payload, contentType);
        } catch (ArchiveException e) {
            return new Receipt(reject(payload, source, e), null, e);
        }
        return receiveOnce(submission, source);
    }

    /** @param payload the payload the channel fingerprinted, or null */
    private Receipt receive(Submission submission, SubmissionSource source, Fingerprinted payload) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(source, "source");
        MessageFrame frame = null;
        String documentOid = null;
        byte[] framedDocument = null;
        try (GroupCommit.Turn turn = groups.begin()) {
            if (submission.hasFrame()) {
                frame = frameParser.parse(submission.frame());
                documentOid = frame.document().documentOid();
                RequestContext context = frame.requestContext();
                source.authorise(context);
                if (frame.operation() == MessageOperation.NULLIFY) {
                    return new Receipt(nullify(frame, context, source), null, null);
                }
                FramedDocument framed = frame.document();
                framedDocument = FramedDocuments.documentOf(submission, frame);
                Preparation prepared = archiving.prepare(framedDocument, source.intake(),
                        (parsed, report) -> FramedDocuments.checkAgreement(framed, parsed.metadata()));
                return accepted(frame, source, turn.archive(prepared, context));
            }
            byte[] document = submission.document();
            if (document == null) {
                throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The submission carries no document");
            }
            RequestContext context = source.documentContext();
            if (context != null) {
                source.authorise(context);
                return accepted(null, source, turn.archive(archiving.prepare(document, source.intake()), context));
            }
            String sha256 = payload != null && payload.bytes() == document
                    && payload.fingerprint().size() == document.length ? payload.fingerprint().sha256() : null;
            Preparation prepared = archiving.prepare(document, sha256, source.intake(), authorisationOfCustodian(source));
            documentOid = prepared.documentOid();
            if (prepared.metadata() == null) {
                // not even read far enough to name a register to act for
                throw ((Preparation.Refused) prepared).error();
            }
            return accepted(null, source, turn.archive(prepared, ownRegister(prepared.metadata(), source)));
        } catch (ArchiveException e) {
            if (e.code().passes()) {
                throw e;
            }
            String messageId = frame != null ? frame.messageId().toString() : source.transportMessageId();
            // the document's own bytes when they are known, so that its later archiving resolves the record
            byte[] fingerprinted = framedDocument != null ? framedDocument : submission.fingerprintBytes();
            refusals.rejections().record(source.channel(), source.reference(), messageId, source.receivedAt(), e.code(), e.detail(),
                    payload != null && payload.bytes() == fingerprinted ? payload.fingerprint()
                            : PayloadFingerprint.of(fingerprinted));
            return new Receipt(observed(source, Acknowledgement.refused(frame, transportId(source), e, documentOid)),
                    null, e);
        }
    }

    /**
     * The bulk form for frameless documents (file-drop packages): each document prepared once (in parallel), those
     * acting for the same context archived together through {@link ArchivingService#archivePrepared} (parallel object
     * writes, one metadata batch), with every rule of {@link #submit}. One bad document never fails the others; its
     * refusal is recorded like any other.
     *
     * @return one acknowledgement per document, in order
     * @throws ArchiveException STORAGE_UNAVAILABLE when any document could not be stored, after the others were settled
     */
    public List<Acknowledgement> submitDocuments(List<byte[]> documents, List<SubmissionSource> sources) {
        if (documents.size() != sources.size()) {
            throw new IllegalArgumentException("one source per document");
        }
        Acknowledgement[] acks = new Acknowledgement[documents.size()];
        // a package's entries share their arrival; a document with its channel's context is authorised before it is read
        Map<Intake, List<Integer>> byArrival = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            SubmissionSource source = sources.get(i);
            try {
                if (source.documentContext() != null) {
                    source.authorise(source.documentContext());
                }
                byArrival.computeIfAbsent(source.intake(), c -> new ArrayList<>()).add(i);
            } catch (ArchiveException e) {
                acks[i] = reject(documents.get(i), source, e);
            }
        }
        // one archivePrepared per acting context (a package's entries share it)
        Map<RequestContext, List<Integer>> byContext = new LinkedHashMap<>();
        Map<Integer, Preparation> prepared = new HashMap<>();
        for (Map.Entry<Intake, List<Integer>> arrival : byArrival.entrySet()) {
            List<Integer> indices = arrival.getValue();
            List<DocumentCheck> checks = indices.stream().map(i -> sources.get(i).documentContext() != null ? null
                    : authorisationOfCustodian(sources.get(i))).toList();
            List<Preparation> batch = archiving.prepareAll(indices.stream().map(documents::get).toList(), checks,
                    arrival.getKey());
            for (int k = 0; k < indices.size(); k++) {
                int i = indices.get(k);
                Preparation p = batch.get(k);
                RequestContext context = sources.get(i).documentContext() != null ? sources.get(i).documentContext()
                        : p.metadata() == null ? null : ownRegister(p.metadata(), sources.get(i));
                if (context == null) {
                    acks[i] = reject(documents.get(i), sources.get(i), ((Preparation.Refused) p).error());
                } else {
                    prepared.put(i, p);
                    byContext.computeIfAbsent(context, c -> new ArrayList<>()).add(i);
                }
            }
        }
        ArchiveException unavailable = null;
        for (Map.Entry<RequestContext, List<Integer>> group : byContext.entrySet()) {
            List<Integer> indices = group.getValue();
            List<Preparation> batch = indices.stream().map(prepared::get).toList();
            List<ArchivedDocument> archived = new ArrayList<>();
            for (BulkResult result : archiving.archivePrepared(batch, group.getKey())) {
                int i = indices.get(result.index());
                if (result.succeeded()) {
                    archived.add(result.outcome().document());
                    acks[i] = acknowledged(null, sources.get(i), result.outcome()).acknowledgement();
                } else if (result.error().code().passes()) {
                    unavailable = result.error();
                } else {
                    acks[i] = reject(documents.get(i), sources.get(i), result.error());
                }
            }
            // one batch for the group's documents, not a round trip per document
            refusals.resolvedBy(archived);
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return Arrays.asList(acks);
    }

    /**
     * The fingerprint a channel records a refusal of an opaque payload under when the refusal came before the payload
     * was understood (a failure the channel met itself): {@link Refusals#fingerprintOf(byte[], String)}.
     */
    public PayloadFingerprint refusalFingerprint(byte[] payload, String contentType) {
        return refusals.fingerprintOf(payload, contentType);
    }

    /** A payload and the fingerprint its channel computed while reading it. */
    private record Fingerprinted(byte[] bytes, PayloadFingerprint fingerprint) {
    }

    /** A frameless document without the channel's context acts for its own custodian, if the channel allows it. */
    private static DocumentCheck authorisationOfCustodian(SubmissionSource source) {
        return (parsed, report) -> source.authorise(ownRegister(parsed.metadata(), source));
    }

    private static RequestContext ownRegister(DocumentMetadata metadata, SubmissionSource source) {
        return new RequestContext(Oid.of(metadata.controllerOid()), source.systemUser(), RequestContext.OWN_REGISTER_USE);
    }

    private Acknowledgement observed(SubmissionSource source, Acknowledgement ack) {
        metrics.observe(source.channel(), ack, Duration.between(source.receivedAt(), Instant.now()));
        return ack;
    }

    private Acknowledgement nullify(MessageFrame frame, RequestContext context, SubmissionSource source) {
        if (frame.reasonText() == null) {
            throw new ArchiveException(ErrorCode.NULLIFICATION_REASON_REQUIRED,
                    "A nullification frame needs its reason in controlActProcess/text");
        }
        ArchivedDocument document = archiving.nullify(DocumentOid.of(frame.document().documentOid()),
                frame.reasonText(), context);
        return observed(source, Acknowledgement.accepted(frame, transportId(source), SubmissionOutcome.NULLIFIED, document));
    }

    private Receipt accepted(MessageFrame frame, SubmissionSource source, ArchiveOutcome outcome) {
        refusals.resolvedBy(List.of(outcome.document()));
        return acknowledged(frame, source, outcome);
    }

    /** {@link #accepted} without resolving earlier refusals: the bulk form resolves a whole group at once. */
    private Receipt acknowledged(MessageFrame frame, SubmissionSource source, ArchiveOutcome outcome) {
        return new Receipt(observed(source, Acknowledgement.accepted(frame, transportId(source),
                outcome.created() ? SubmissionOutcome.ARCHIVED : SubmissionOutcome.DUPLICATE, outcome.document())), outcome, null);
    }

    private static MessageId transportId(SubmissionSource source) {
        String id = source.transportMessageId();
        return id != null && Oid.isValid(id) ? new MessageId(id, null) : null;
    }
}

package fi.arkisto.store.message;

import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.Warning;
import fi.arkisto.store.error.ArchiveException;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The archive's answer to one submission, modelled on HL7 v3 {@code MCCI_IN000002UV01}: AA with the archived
 * document (or the fact it was a duplicate: invariant 3), or AE/AR with the stable error code and its detail
 * (docs/messages.md). Serialised by {@link AcknowledgementXml}.
 *
 * @param id             the acknowledgement's own id, a UUID-derived OID (2.25.n)
 * @param targetMessage  the acknowledged message's id, or null when it could not be read
 * @param senderDevice   the frame's sender device (the ack's receiver), or null
 * @param receiverDevice the frame's receiver device (the ack's sender), or null
 * @param documentOid    the document concerned, or null when unknown
 */
public record Acknowledgement(MessageId id, OffsetDateTime creationTime, AcknowledgementType type,
                              MessageId targetMessage, String senderDevice, String receiverDevice,
                              SubmissionOutcome outcome, String documentOid, List<AcknowledgementDetail> details) {

    public Acknowledgement {
        details = List.copyOf(details);
    }

    public boolean accepted() {
        return type == AcknowledgementType.AA;
    }

    /** The error code name of a refusal, or null for AA. */
    public String errorCode() {
        return accepted() ? null : details.get(0).code();
    }

    public static Acknowledgement accepted(MessageFrame frame, MessageId fallbackTarget, SubmissionOutcome outcome,
                                    ArchivedDocument document) {
        List<AcknowledgementDetail> details = new ArrayList<>();
        String text = switch (outcome) {
            case ARCHIVED -> "Archived document " + document.oid() + " version " + document.metadata().versionNumber();
            case DUPLICATE -> "Duplicate: document " + document.oid() + " was already archived with identical content";
            case NULLIFIED -> "Nullified document " + document.oid();
            case REJECTED -> throw new IllegalArgumentException("a rejection is not accepted");
        };
        details.add(new AcknowledgementDetail("I", outcome.name(), text));
        for (Warning warning : document.warnings()) {
            details.add(new AcknowledgementDetail("W", String.valueOf(warning.code()), String.valueOf(warning.message())));
        }
        return new Acknowledgement(newId(), now(), AcknowledgementType.AA, target(frame, fallbackTarget),
                frame == null ? null : frame.senderOrganisation().value(), frame == null ? null : frame.receiverDevice(),
                outcome, document.oid().value(), details);
    }

    public static Acknowledgement refused(MessageFrame frame, MessageId fallbackTarget, ArchiveException error, String documentOid) {
        return new Acknowledgement(newId(), now(), AcknowledgementType.forError(error.code()), target(frame, fallbackTarget),
                frame == null ? null : frame.senderOrganisation().value(), frame == null ? null : frame.receiverDevice(),
                SubmissionOutcome.REJECTED, documentOid,
                List.of(new AcknowledgementDetail("E", error.code().name(), error.detail())));
    }

    private static MessageId target(MessageFrame frame, MessageId fallback) {
        return frame != null ? frame.messageId() : fallback;
    }

    private static MessageId newId() {
        UUID uuid = UUID.randomUUID();
        BigInteger value = new BigInteger(1, toBytes(uuid));
        return new MessageId("2.25." + value, null);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }
}

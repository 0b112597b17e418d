package fi.arkisto.store.message;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.rejection.IngestChannel;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a submission came from and what the channel vouches for.
 *
 * @param reference          file name, package entry ({@code package.zip!entry}) or queue/REST message reference
 * @param transportMessageId the transport's message id (AMQP message id), or null
 * @param documentContext    the context for a plain document without a frame; null derives it from the document's
 *                           custodian acting through {@code systemUser} (the file drop: the controller's own export)
 * @param systemUser         the user id recorded for frameless documents, e.g. {@code file-drop}
 * @param authorisation      a channel's check that its caller may act for the context's organisation (REST: the
 *                           authenticated client system must be allowed for the frame's sender); throws
 *                           {@link ArchiveException} ACCESS_DENIED
 */
public record SubmissionSource(IngestChannel channel, String reference, String transportMessageId, Instant receivedAt,
                               RequestContext documentContext, String systemUser, Authorisation authorisation) {

    /** A channel's own check of the acting organisation. */
    @FunctionalInterface
    public interface Authorisation {
        void check(RequestContext context);

        Authorisation ANY = context -> { };
    }

    public SubmissionSource {
        Objects.requireNonNull(channel, "channel");
        receivedAt = receivedAt == null ? Instant.now() : receivedAt;
        systemUser = systemUser == null ? channel.name().toLowerCase() + "-ingest" : systemUser;
        authorisation = authorisation == null ? Authorisation.ANY : authorisation;
    }

    public static SubmissionSource of(IngestChannel channel, String reference) {
        return new SubmissionSource(channel, reference, null, Instant.now(), null, null, null);
    }

    /** The channel and arrival time the archiving-stage checks judge the document by. */
    public Intake intake() {
        return Intake.of(channel, receivedAt);
    }

    void authorise(RequestContext context) {
        authorisation.check(context);
    }
}

package fi.arkisto.store.document;

import fi.arkisto.store.rejection.IngestChannel;

import java.time.Instant;
import java.util.Objects;

/**
 * How and when a document reached the archive: the facts about its arrival that archiving-stage checks depend on
 * (docs/trust.md). Online channels carry documents signed elsewhere, by client information systems; the legacy
 * migration wraps and signs the organisation's old documents itself, so the rules that guard the gap between a
 * sender's signing and the archive's receipt (the signing time bounded by the arrival, the display form naming the
 * client) do not apply to it.
 *
 * @param channel   the way in
 * @param arrivedAt when the archive received the document (before it was read)
 */
public record Intake(Channel channel, Instant arrivedAt) {

    /** The ways in. */
    public enum Channel {
        REST, QUEUE, FILE,
        /** The legacy migration: the archive wraps and signs the documents itself. */
        MIGRATION,
        /** A direct call of the archiving service without a channel (tools, tests): judged as an online arrival. */
        UNSPECIFIED
    }

    public Intake {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
    }

    /** Arrival through an ingestion channel (REST, queue, file drop). */
    public static Intake of(IngestChannel channel, Instant arrivedAt) {
        return new Intake(Channel.valueOf(channel.name()), arrivedAt);
    }

    public static Intake migration(Instant arrivedAt) {
        return new Intake(Channel.MIGRATION, arrivedAt);
    }

    public static Intake unspecified(Instant arrivedAt) {
        return new Intake(Channel.UNSPECIFIED, arrivedAt);
    }

    /** Whether the document was signed by a sender outside the archive (every channel but the migration). */
    public boolean online() {
        return channel != Channel.MIGRATION;
    }
}

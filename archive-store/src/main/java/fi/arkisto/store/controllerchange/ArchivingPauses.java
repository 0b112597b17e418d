package fi.arkisto.store.controllerchange;

import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.core.Ordered;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The archiving-stage check of controller changes (kanta.fi, "Controller changes": archiving into the register may be
 * paused during the change run): a document whose custodian and header fall into the scope of a change being run is
 * answered {@code ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE} (503, to be retried: the REST answer carries
 * {@code Retry-After}, the queue and the file drop wait it out on their transient retry path, so nothing is lost);
 * archiving into every other scope goes on. It runs before every other check, so that a paused document is neither
 * refused nor recorded for anything else. The changes paused are read at most once per {@code refresh} (one
 * second), so a pause or resumption on another instance reaches this one within it.
 */
public final class ArchivingPauses implements DocumentCheck, Ordered {

    public static final int ORDER = 40;

    private final ControllerChangeService changes;
    private final Clock clock;
    private final Duration refresh;
    private volatile Snapshot snapshot = new Snapshot(Instant.MIN, List.of());

    private record Snapshot(Instant readAt, List<ControllerChange> paused) {
    }

    public ArchivingPauses(ControllerChangeService changes, Clock clock, Duration refresh) {
        this.changes = Objects.requireNonNull(changes);
        this.clock = Objects.requireNonNull(clock);
        this.refresh = Objects.requireNonNull(refresh);
    }

    @Override
    public void check(ParsedDocument document, ValidationReport report) {
        admit(document.metadata());
    }

    /** @throws ArchiveException ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE when a running change's scope covers it */
    public void admit(DocumentMetadata metadata) {
        if (metadata == null) {
            return;
        }
        for (ControllerChange change : current()) {
            if (change.scope().covers(metadata)) {
                throw new ArchiveException(ErrorCode.ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE, "Archiving into the "
                        + change.scope().describe() + " is paused while it passes to " + change.newController()
                        + " (controller change " + change.id() + "); send the document again later");
            }
        }
    }

    /** Forgets what was read, so the next document reads the pauses afresh (after this instance paused a scope). */
    public void refresh() {
        snapshot = new Snapshot(Instant.MIN, List.of());
    }

    private List<ControllerChange> current() {
        Snapshot seen = snapshot;
        Instant now = clock.instant();
        if (seen.readAt().plus(refresh).isAfter(now)) {
            return seen.paused();
        }
        List<ControllerChange> paused = changes.paused();
        snapshot = new Snapshot(now, paused);
        return paused;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

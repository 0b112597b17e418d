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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The archiving-stage check of controller changes (kanta.fi, "Controller changes": archiving into the register may be
 * paused during the change run): a document whose custodian and header fall into the scope of a change being run is
 * answered {@code ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE} (503, to be retried: the REST answer carries
 * {@code Retry-After}, the queue and the file drop wait it out on their transient retry path, so nothing is lost);
 * archiving into every other scope goes on. In a chain (a change of a register part of which an earlier completed
 * change moved into it) a document whose custodian is an earlier link's old controller is paused too when every link
 * from its custodian to the paused register covers its header: archived, it would land in the register being moved.
 * It runs before every other check, so that a paused document is neither
 * refused nor recorded for anything else. The changes paused are read at most once per {@code refresh} (one
 * second), so a pause or resumption on another instance reaches this one within it.
 */
public final class ArchivingPauses implements DocumentCheck, Ordered {

    public static final int ORDER = 40;

    private final ControllerChangeService changes;
    private final Clock clock;
    private final Duration refresh;
    private volatile Snapshot snapshot = new Snapshot(Instant.MIN, List.of(), Map.of());

    /** @param into the completed changes into each register a paused change (or an earlier link) moves from */
    private record Snapshot(Instant readAt, List<ControllerChange> paused, Map<String, List<ControllerChange>> into) {
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
        Snapshot seen = current();
        for (ControllerChange change : seen.paused()) {
            if (change.scope().coversHeader(metadata)
                    && reaches(metadata, metadata.controllerOid(), change.oldController(), seen.into(), 0)) {
                throw new ArchiveException(ErrorCode.ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE, "Archiving into the "
                        + change.scope().describe() + " is paused while it passes to " + change.newController()
                        + " (controller change " + change.id() + "); send the document again later");
            }
        }
    }

    /** Whether a document of the custodian lands in the register: the same, or through completed changes covering it. */
    private static boolean reaches(DocumentMetadata metadata, String custodian, String register,
                                   Map<String, List<ControllerChange>> into, int depth) {
        if (register.equals(custodian)) {
            return true;
        }
        for (ControllerChange earlier : into.getOrDefault(register, List.of())) {
            if (depth < into.size() && earlier.scope().coversHeader(metadata)
                    && reaches(metadata, custodian, earlier.oldController(), into, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets what was read, so the next document reads the pauses afresh (after this instance paused a scope). */
    public void refresh() {
        snapshot = new Snapshot(Instant.MIN, List.of(), Map.of());
    }

    private Snapshot current() {
        Snapshot seen = snapshot;
        Instant now = clock.instant();
        if (seen.readAt().plus(refresh).isAfter(now)) {
            return seen;
        }
        List<ControllerChange> paused = changes.paused();
        Map<String, List<ControllerChange>> into = new HashMap<>();
        Deque<String> registers = new ArrayDeque<>();
        paused.forEach(change -> registers.add(change.oldController()));
        while (!registers.isEmpty()) {
            String register = registers.poll();
            if (!into.containsKey(register)) {
                List<ControllerChange> earlier = changes.completedInto(register);
                into.put(register, earlier);
                earlier.forEach(change -> registers.add(change.oldController()));
            }
        }
        Snapshot fresh = new Snapshot(now, paused, into);
        snapshot = fresh;
        return fresh;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

package fi.arkisto.store.message;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.BulkResult;
import fi.arkisto.store.document.Preparation;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.InfrastructureFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Group commit of the online channels (docs/write-path.md, "Online batching"): concurrent single submissions (queue
 * consumers, REST requests) that are ready to archive at about the same time are archived together through the bulk
 * path ({@link ArchivingService#archivePrepared}: parallel object writes, one metadata transaction, one batched
 * append to the audit chain), each submitter still getting its own outcome or refusal, and only after the group's
 * commit. Every rule of the single path holds per item: the bulk path walks the same version planner and checks.
 *
 * <p>No thread of its own: the first submission of a group leads it. The leader closes its group when it is full
 * ({@code maxSize}), when no other submission is being prepared (nothing would join, so waiting would only add
 * latency: a lone submission is archived at once), or when {@code maxWait} has passed; it then archives the group on
 * its own thread while later submissions form the next group. A group whose bulk call fails unexpectedly is archived
 * item by item, so one item's fault never becomes another's.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final ArchivingService archiving;
    private final IntConsumer groupSizes;
    private final int maxSize;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The group taking members, or null; guarded by {@link #lock}. */
    private List<Member> open;
    /** Submissions between {@link #begin()} and joining a group or giving up; guarded by {@link #lock}. */
    private int preparing;

    /** @param groupSizes told the size of every group archived */
    GroupCommit(ArchivingService archiving, IntakeProperties.Batching properties, IntConsumer groupSizes) {
        this.archiving = archiving;
        this.groupSizes = groupSizes;
        this.maxSize = properties.maxSize();
        this.maxWaitNanos = properties.maxWait().toNanos();
    }

    /**
     * Announces a submission that is about to be prepared, so that a leader waits for it; close the turn when the
     * submission is done, whether it joined a group or not.
     */
    Turn begin() {
        lock.lock();
        try {
            preparing++;
        } finally {
            lock.unlock();
        }
        return new Turn();
    }

    /** One submission's place in the intake: it is counted as being prepared until it archives or closes. */
    final class Turn implements AutoCloseable {

        private boolean counted = true;

        /**
         * Archives a prepared document acting for {@code context}, in a group with the submissions ready about the
         * same time.
         *
         * @return the archived version; {@code created=false} when identical bytes were already archived
         * @throws ArchiveException the item's refusal, as {@link ArchivingService#archive(Preparation, RequestContext)}
         *                          throws it
         */
        ArchiveOutcome archive(Preparation prepared, RequestContext context) {
            if (maxSize <= 1 || !groupable(prepared)) {
                close();
                return archiving.archive(prepared, context);
            }
            Member member = new Member(prepared, context);
            List<Member> group;
            boolean leader;
            lock.lock();
            try {
                stopCounting();
                leader = open == null;
                if (leader) {
                    open = new ArrayList<>(maxSize);
                }
                group = open;
                group.add(member);
                if (group.size() >= maxSize) {
                    open = null;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (leader) {
                lead(group);
            }
            try {
                return member.outcome.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                stopCounting();
            } finally {
                lock.unlock();
            }
        }

        /** Caller holds the lock. */
        private void stopCounting() {
            if (counted) {
                counted = false;
                preparing--;
                changed.signalAll();
            }
        }
    }

    /** A document read in full (not a spooled large file: those stream through on their own). */
    private static boolean groupable(Preparation prepared) {
        return !(prepared instanceof Preparation.Prepared document) || !document.parsed().isStreamed();
    }

    private void lead(List<Member> group) {
        long deadline = System.nanoTime() + maxWaitNanos;
        lock.lock();
        try {
            while (open == group && preparing > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            // the members are waiting for their outcomes: archive what joined, and let the caller see the interrupt
            Thread.currentThread().interrupt();
        } finally {
            if (open == group) {
                open = null;
            }
            lock.unlock();
        }
        // no member joins a closed group, so the list is the leader's alone from here
        groupSizes.accept(group.size());
        try {
            archiveGroup(group);
        } finally {
            for (Member member : group) {
                member.outcome.completeExceptionally(new IllegalStateException("The group ended without an outcome"));
            }
        }
    }

    private void archiveGroup(List<Member> group) {
        Map<RequestContext, List<Member>> byContext = new LinkedHashMap<>();
        for (Member member : group) {
            byContext.computeIfAbsent(member.context, c -> new ArrayList<>()).add(member);
        }
        for (Map.Entry<RequestContext, List<Member>> members : byContext.entrySet()) {
            List<Member> list = members.getValue();
            List<BulkResult> results;
            try {
                results = archiving.archivePrepared(list.stream().map(m -> m.prepared).toList(), members.getKey());
            } catch (RuntimeException e) {
                if (InfrastructureFailure.isCause(e)) {
                    // the store is down for every member alike: one by one would only wait out the outage again
                    // for each of them before answering
                    RuntimeException unavailable = InfrastructureFailure.translate(e,
                            "The document could not be archived: the archive's storage is unavailable");
                    log.warn("A group of {} submissions could not be archived: storage unavailable ({})", list.size(),
                            e.toString());
                    list.forEach(member -> member.outcome.completeExceptionally(unavailable));
                    continue;
                }
                log.warn("A group of {} submissions could not be archived together ({}); archiving them one by one",
                        list.size(), e.toString());
                list.forEach(GroupCommit.this::archiveAlone);
                continue;
            }
            for (BulkResult result : results) {
                Member member = list.get(result.index());
                if (result.succeeded()) {
                    member.outcome.complete(result.outcome());
                } else {
                    member.outcome.completeExceptionally(result.error());
                }
            }
        }
    }

    private void archiveAlone(Member member) {
        try {
            member.outcome.complete(archiving.archive(member.prepared, member.context));
        } catch (RuntimeException e) {
            member.outcome.completeExceptionally(e);
        }
    }

    private static final class Member {
        final Preparation prepared;
        final RequestContext context;
        final CompletableFuture<ArchiveOutcome> outcome = new CompletableFuture<>();

        Member(Preparation prepared, RequestContext context) {
            this.prepared = prepared;
            this.context = context;
        }
    }
}

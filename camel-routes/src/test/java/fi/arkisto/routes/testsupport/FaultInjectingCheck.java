package fi.arkisto.routes.testsupport;

import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only archiving-stage check that simulates trouble for documents an individual test marks (by OID), so
 * channel behaviour under failure runs through the real archiving path: an unavailable store (the archive's
 * transient failure, which channels retry and finally dead-letter), or a consumer caught mid-message (the check
 * blocks until the test has killed the consumer's connection). Documents no test marked pass untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FaultInjectingCheck implements DocumentCheck {

    /** The documents whose storage is unavailable, each with how often its archiving was tried. */
    private final Map<String, AtomicInteger> unavailable = new ConcurrentHashMap<>();
    private final Map<String, Integer> outageLength = new ConcurrentHashMap<>();
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    /** A one-shot barrier: the first archiving attempt of the document waits here until released. */
    public static final class Block {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        public boolean awaitEntered() throws InterruptedException {
            return entered.await(60, TimeUnit.SECONDS);
        }

        /** Whether the document's archiving has reached the barrier (without waiting). */
        public boolean hasEntered() {
            return entered.getCount() == 0;
        }

        public void release() {
            released.countDown();
        }
    }

    public void storageUnavailableFor(String documentOid) {
        storageUnavailableFor(documentOid, Integer.MAX_VALUE);
    }

    /** The store is unavailable for the first {@code attempts} archivings of the document, then back. */
    public void storageUnavailableFor(String documentOid, int attempts) {
        unavailable.put(documentOid, new AtomicInteger());
        outageLength.put(documentOid, attempts);
    }

    /** The document's store is back: its next archiving passes. */
    public void storageBackFor(String documentOid) {
        outageLength.put(documentOid, 0);
    }

    /** How many times the archiving of a document marked {@link #storageUnavailableFor} met the unavailable store. */
    public int attempts(String documentOid) {
        AtomicInteger attempts = unavailable.get(documentOid);
        return attempts == null ? 0 : attempts.get();
    }

    public Block blockOnce(String documentOid) {
        Block block = new Block();
        blocks.put(documentOid, block);
        return block;
    }

    @Override
    public void check(ParsedDocument document, ValidationReport report) {
        String oid = document.metadata().documentOid().value();
        AtomicInteger attempts = unavailable.get(oid);
        if (attempts != null && attempts.incrementAndGet() <= outageLength.get(oid)) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "Simulated: the object store does not answer");
        }
        Block block = blocks.remove(oid);
        if (block != null) {
            block.entered.countDown();
            try {
                block.released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

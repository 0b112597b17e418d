package fi.arkisto.store.message;

import fi.arkisto.store.rejection.IngestChannel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The ingestion meters, tagged by channel (docs/messages.md, "Metrics"): {@code arkisto.ingest.received},
 * {@code .archived}, {@code .duplicates}, {@code .nullified}, {@code .rejected} (tagged with the error code),
 * {@code .dead-lettered}, the timer {@code arkisto.ingest.latency} from receipt to verdict, and the summary
 * {@code arkisto.ingest.group.size} of the groups the online submissions were archived in. A verdict is observed
 * in one place, by {@link MessageService}, for every channel; only a dead letter is counted by the channel.
 */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    /** One submission received and answered: counted once, by its outcome, with its time from receipt. */
    void observe(IngestChannel channel, Acknowledgement ack, Duration latency) {
        counter("arkisto.ingest.received", channel).increment();
        switch (ack.outcome()) {
            case ARCHIVED -> counter("arkisto.ingest.archived", channel).increment();
            case DUPLICATE -> counter("arkisto.ingest.duplicates", channel).increment();
            case NULLIFIED -> counter("arkisto.ingest.nullified", channel).increment();
            case REJECTED -> Counter.builder("arkisto.ingest.rejected")
                    .tag("channel", channel.name().toLowerCase()).tag("code", ack.errorCode())
                    .register(registry).increment();
        }
        Timer.builder("arkisto.ingest.latency").tag("channel", channel.name().toLowerCase())
                .publishPercentiles(0.5, 0.99).register(registry).record(latency);
    }

    /** One group of online submissions archived together ({@link GroupCommit}): its size. */
    void groupArchived(int size) {
        DistributionSummary.builder("arkisto.ingest.group.size").baseUnit("submissions").register(registry).record(size);
    }

    /** A submission the channel gave up on after its retries (no verdict was reached). */
    public void deadLettered(IngestChannel channel) {
        counter("arkisto.ingest.dead-lettered", channel).increment();
    }

    public double count(String name, IngestChannel channel) {
        return registry.find(name).tag("channel", channel.name().toLowerCase()).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    public MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, IngestChannel channel) {
        return Counter.builder(name).tag("channel", channel.name().toLowerCase()).register(registry);
    }
}

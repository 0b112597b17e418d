package fi.arkisto.routes.common;

import fi.arkisto.store.message.Acknowledgement;
import fi.arkisto.store.rejection.IngestChannel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Micrometer meters per channel (issue 4): {@code arkisto.ingest.received}, {@code .archived}, {@code .duplicates},
 * {@code .nullified}, {@code .rejected} (tagged with the error code), {@code .dead-lettered}, and the timer
 * {@code arkisto.ingest.latency} from receipt to verdict.
 */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    public void received(IngestChannel channel) {
        counter("arkisto.ingest.received", channel).increment();
    }

    public void verdict(IngestChannel channel, Acknowledgement ack, Duration latency) {
        switch (ack.outcome()) {
            case ARCHIVED -> counter("arkisto.ingest.archived", channel).increment();
            case DUPLICATE -> counter("arkisto.ingest.duplicates", channel).increment();
            case NULLIFIED -> counter("arkisto.ingest.nullified", channel).increment();
            case REJECTED -> Counter.builder("arkisto.ingest.rejected")
                    .tag("channel", channel.name().toLowerCase()).tag("code", ack.errorCode())
                    .register(registry).increment();
        }
        latency(channel).record(latency);
    }

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

    private Timer latency(IngestChannel channel) {
        return Timer.builder("arkisto.ingest.latency").tag("channel", channel.name().toLowerCase())
                .publishPercentiles(0.5, 0.99).register(registry);
    }
}

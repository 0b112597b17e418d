package fi.arkisto.routes.common;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of the ingestion channels ({@code arkisto.ingest.*}, docs/messages.md). Everything has a safe default
 * except the file inbox, which is off until a directory is named, and the queue, which is off unless enabled
 * (the main job runs without a broker).
 */
@Validated
@ConfigurationProperties("arkisto.ingest")
public record IngestProperties(@Valid @NotNull @DefaultValue File file,
                               @Valid @NotNull @DefaultValue Queue queue,
                               @Valid @NotNull @DefaultValue Retry retry) {

    /**
     * The file drop. {@code inbox} null disables it. Files are taken only when complete: with
     * {@code read-lock=changed} once their size and time stop changing for {@code read-lock-min-age}; with
     * {@code read-lock=done-file} only once a marker {@code <name>.ready} exists (the marker is removed after).
     */
    public record File(Path inbox,
                       @DefaultValue("changed") ReadLock readLock,
                       @DefaultValue("1s") Duration readLockMinAge,
                       @DefaultValue("500ms") Duration pollDelay,
                       @DefaultValue("file-ingest") @NotBlank String systemUser,
                       @DefaultValue("4") @Min(1) int workers,
                       @Valid @NotNull @DefaultValue Limits limits) {
    }

    public enum ReadLock { CHANGED, DONE_FILE }

    /** Package safety limits (zip bombs, oversized entries): refused with PACKAGE_TOO_LARGE. */
    public record Limits(@DefaultValue("20971520") @Min(1) long maxEntryBytes,
                         @DefaultValue("10737418240") @Min(1) long maxTotalBytes,
                         @DefaultValue("100000") @Min(1) int maxEntries,
                         @DefaultValue("100") @Min(1) int maxCompressionRatio) {
    }

    /**
     * The RabbitMQ channel. Requests go to {@code request-queue} (bound to {@code exchange} under its own name),
     * acknowledgements to each message's reply-to, poison messages to {@code dead-letter-queue} with the reason.
     * {@code recovery-interval} is how often lost consumers (a broker restart, a dropped connection) try to come back.
     */
    public record Queue(@DefaultValue("false") boolean enabled,
                        @DefaultValue("arkisto.ingest") @NotBlank String exchange,
                        @DefaultValue("arkisto.ingest.requests") @NotBlank String requestQueue,
                        @DefaultValue("arkisto.ingest.dead-letter") @NotBlank String deadLetterQueue,
                        @DefaultValue("4") @Min(1) int consumers,
                        @DefaultValue("4") @Min(1) int prefetch,
                        @DefaultValue("5") @Min(1) int deliveryLimit,
                        @DefaultValue("20971520") @Min(1) long maxMessageBytes,
                        @DefaultValue("2s") @NotNull Duration recoveryInterval) {

        public String deadLetterExchange() {
            return exchange + ".dlx";
        }
    }

    /**
     * Retries of failures that are not the document's (docs/messages.md, "Technical failures"). A failure of the
     * database or the object store is waited out: retried with exponential back-off from {@code transient-delay},
     * each wait at most {@code transient-max-delay}, for {@code transient-for} in all (default 10 min) before the
     * submission is dead-lettered. Any other technical failure (a bug, something unexpected) is retried
     * {@code max-redeliveries} times from {@code delay}. A queue consumer waits out a transient failure holding its
     * message, so {@code transient-for} must stay below the broker's {@code consumer_timeout} (RabbitMQ: 30 min).
     */
    public record Retry(@DefaultValue("3") @Min(0) int maxRedeliveries,
                        @DefaultValue("200ms") Duration delay,
                        @DefaultValue("10m") @NotNull Duration transientFor,
                        @DefaultValue("1s") @NotNull Duration transientDelay,
                        @DefaultValue("30s") @NotNull Duration transientMaxDelay) {

        public Retry {
            if (transientFor.isNegative() || transientFor.compareTo(Duration.ofMinutes(25)) > 0) {
                throw new IllegalArgumentException("arkisto.ingest.retry.transient-for must be between 0 and 25 min "
                        + "(below the broker's consumer timeout): " + transientFor);
            }
            if (transientDelay.isNegative() || transientDelay.isZero() || transientMaxDelay.compareTo(transientDelay) < 0) {
                throw new IllegalArgumentException("arkisto.ingest.retry.transient-delay must be above zero and at most "
                        + "transient-max-delay: " + transientDelay + ", " + transientMaxDelay);
            }
        }

        /** How many redeliveries of a transient failure, waiting {@code transient-delay} doubling up to its cap, span {@code transient-for}. */
        public int transientRedeliveries() {
            long window = transientFor.toMillis();
            long waited = 0;
            long next = transientDelay.toMillis();
            int redeliveries = 0;
            while (waited < window) {
                waited += next;
                next = Math.min(next * 2, transientMaxDelay.toMillis());
                redeliveries++;
            }
            return redeliveries;
        }
    }
}

package fi.arkisto.store.message;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The intake's settings ({@code arkisto.intake.*}).
 *
 * @param batching how concurrent online submissions are archived together (docs/write-path.md, "Online batching")
 */
@Validated
@ConfigurationProperties("arkisto.intake")
public record IntakeProperties(@Valid @DefaultValue Batching batching) {

    /**
     * @param maxSize most submissions archived in one group (default 16, the bulk path's object-write concurrency);
     *                1 archives every submission on its own
     * @param maxWait longest a group's first submission waits for others to join (default 5 ms); it waits only while
     *                other submissions are being prepared, so a lone submission never waits
     */
    public record Batching(@DefaultValue("16") @Min(1) @Max(256) int maxSize,
                           @DefaultValue("5ms") Duration maxWait) {

        public Batching {
            if (maxWait == null || maxWait.isNegative()) {
                throw new IllegalArgumentException("arkisto.intake.batching.max-wait must not be negative");
            }
        }
    }

    public static IntakeProperties defaults() {
        return new IntakeProperties(new Batching(16, Duration.ofMillis(5)));
    }
}

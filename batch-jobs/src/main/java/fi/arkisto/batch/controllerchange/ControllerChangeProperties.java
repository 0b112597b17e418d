package fi.arkisto.batch.controllerchange;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code arkisto.controller-change}: how the controller change job runs (docs/workflows.md, "Controller change").
 *
 * @param partitions  document OID ranges the scope is split into, each a partition step (restarted on its own)
 * @param threads     partitions run at a time on this instance (one by default: the run is paced anyway, and a
 *                    second thread only takes a core from archiving)
 * @param chunkSize   documents assigned per transaction (one audit event each)
 * @param samples     assigned documents the verification reads back against their SHA-256
 * @param maxRate     documents assigned per second at most on this instance, over all its partitions (0: as fast as
 *                    the threads go); spreads a run over its window so that archiving into other registers keeps
 *                    its pace (docs/workflows.md, "The job"); by default a million documents in under a minute,
 *                    with archiving into other registers beside it within a tenth of its rate on 2 cores
 */
@Validated
@ConfigurationProperties("arkisto.controller-change")
public record ControllerChangeProperties(@DefaultValue("8") @Min(1) @Max(256) int partitions,
                                         @DefaultValue("1") @Min(1) @Max(64) int threads,
                                         @DefaultValue("5000") @Min(1) @Max(50000) int chunkSize,
                                         @DefaultValue("20") @Min(0) @Max(10000) int samples,
                                         @DefaultValue("22000") @Min(0) @Max(10_000_000) int maxRate) {
}

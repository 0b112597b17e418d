package fi.arkisto.store;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.OrphanObjectSweeper;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ArchiveStoreTestEnvironment;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Spring wiring as an application gets it: Boot's DataSource and Flyway, validated settings, ordered checks. */
class ArchiveStoreConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    FlywayAutoConfiguration.class))
            .withUserConfiguration(ArchiveStoreConfiguration.class);

    @Test
    void wiresTheStoreAndRunsEveryCheckBeanInOrder() {
        // given
        Map<String, String> environment = ArchiveStoreTestEnvironment.local().properties();
        List<Integer> ran = new ArrayList<>();

        // when
        runner.withPropertyValues(properties(environment))
                .withPropertyValues("arkisto.store.storage-concurrency=4", "arkisto.store.orphan-grace-period=PT2H")
                .withBean("second", DocumentCheck.class, () -> new RecordingCheck(2, ran, true))
                .withBean("first", DocumentCheck.class, () -> new RecordingCheck(1, ran, false))
                .run(context -> {
                    // then
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ArchivingService.class).hasSingleBean(DocumentReadService.class)
                            .hasSingleBean(OrphanObjectSweeper.class);
                    assertThat(context.getBean(ArchiveStoreProperties.class).storageConcurrency()).isEqualTo(4);
                    assertThat(context.getBean(fi.arkisto.store.document.OrphanSweepSchedule.class).isRunning()).isTrue();
                    RequestContext owner = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "wiring", "1");
                    byte[] document = KantaSamples.document().build();
                    assertThatThrownBy(() -> context.getBean(ArchivingService.class).archive(document, owner))
                            .isInstanceOfSatisfying(ArchiveException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.HEADER_RULE_VIOLATED));
                    assertThat(ran).containsExactly(1, 2);
                });
    }

    @Test
    void theOrphanSweepScheduleCanBeSwitchedOff() {
        // given
        Map<String, String> environment = ArchiveStoreTestEnvironment.local().properties();

        // when
        runner.withPropertyValues(properties(environment)).withPropertyValues("arkisto.store.orphan-sweep-interval=0")
                .run(context -> {
                    // then
                    assertThat(context).hasNotFailed().hasSingleBean(OrphanObjectSweeper.class);
                    assertThat(context.getBean(fi.arkisto.store.document.OrphanSweepSchedule.class).isRunning()).isFalse();
                    assertThat(context.getBean(ArchiveStoreProperties.class).orphanSweepInterval()).isZero();
                });
    }

    @Test
    void refusesToStartWithoutObjectStoreSettings() {
        // given
        Map<String, String> environment = new java.util.HashMap<>(ArchiveStoreTestEnvironment.local().properties());
        environment.remove("arkisto.s3.secret-key");

        // when / then
        runner.withPropertyValues(properties(environment)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("secretKey");
        });
    }

    private static String[] properties(Map<String, String> environment) {
        return environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** A check ordered by {@link Ordered}, as check beans without {@code @Order} on their class may be. */
    private record RecordingCheck(int order, List<Integer> ran, boolean refuses) implements DocumentCheck, Ordered {
        @Override
        public void check(fi.arkisto.store.cda.ParsedDocument document, fi.arkisto.store.document.ValidationReport report) {
            ran.add(order);
            if (refuses) {
                throw new ArchiveException(ErrorCode.HEADER_RULE_VIOLATED, "check " + order + " refuses");
            }
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}

package fi.arkisto.batch.controllerchange.bench;

import fi.arkisto.batch.controllerchange.ControllerChangeLauncher;
import fi.arkisto.batch.controllerchange.ControllerChangeTestApplication;
import fi.arkisto.batch.controllerchange.MetadataRows;
import fi.arkisto.batch.migration.MigrationTestEnvironment;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditVerification;
import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeRequest;
import fi.arkisto.store.controllerchange.ControllerChangeScope;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.testkit.generator.GeneratedDocument;
import fi.arkisto.testkit.generator.GeneratorOptions;
import fi.arkisto.testkit.generator.TestDataGenerator;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The controller change benchmark (not a test; bench/controller-change/README.md): a change of a register of
 * {@code rows} documents of metadata (one INSERT .. SELECT; the stored object they share is real), with archiving into
 * another register (signed synthetic documents through the bulk path, the real checks) beside it. Prints the job's
 * wall time (goal ≤ 60 s) and the other register's archiving rate during the change against its rate alone, measured
 * in the same run (goal within 10 %). The archiving beside the change has three phases' documents, so that it lasts
 * as long as the job; the output says how long it lasted.
 *
 * <p>Arguments: rows (1000000), documents per archiving phase (15000), bulk size (50).
 */
public final class ControllerChangeBenchmark {

    private static final String OTHER = "1.2.246.10.12345678.10.0";

    private ControllerChangeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int perPhase = args.length > 1 ? Integer.parseInt(args[1]) : 15_000;
        int bulk = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Map<String, Object> properties = new HashMap<>(MigrationTestEnvironment.get().properties());
        properties.put("logging.level.root", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ControllerChangeTestApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            ArchivingService archiving = context.getBean(ArchivingService.class);
            SystemSigner signer = context.getBean(SystemSigner.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            ControllerChangeService changes = context.getBean(ControllerChangeService.class);
            ControllerChangeLauncher launcher = context.getBean(ControllerChangeLauncher.class);
            RequestContext otherRegister = new RequestContext(Oid.of(OTHER), "bench", RequestContext.OWN_REGISTER_USE);

            System.out.printf("generating %d signed documents of %s%n", 5 * perPhase, OTHER);
            List<byte[]> documents = new ArrayList<>();
            new TestDataGenerator(GeneratorOptions.builder().count(5 * perPhase).seed(ThreadLocalRandom.current()
                    .nextLong()).organisation(OTHER).today(LocalDate.now()).signer(signer::sign).build()).documents()
                    .map(GeneratedDocument::xml).forEach(documents::add);

            String old = "1.2.246.10." + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999) + ".10.0";
            long loadStart = System.nanoTime();
            MetadataRows.insert(jdbc, context.getBean(ObjectStore.class), old, rows, 50_000);
            jdbc.execute("ANALYZE archive.document_version");
            System.out.printf("loaded %,d rows of %s in %.1f s%n", rows, old, (System.nanoTime() - loadStart) / 1e9);

            // warm-up, then the other register's rate alone, on the database as the change will find it: the rows
            // loaded and every table analysed (measured before the load, on tables bulk-filled by the warm-up and not
            // yet analysed, the rate alone came out lower than beside the change)
            archive(archiving, documents.subList(0, perPhase), bulk, otherRegister, new AtomicBoolean(true));
            jdbc.execute("ANALYZE");
            Phase alone = archive(archiving, documents.subList(perPhase, 2 * perPhase), bulk, otherRegister,
                    new AtomicBoolean(true));
            ControllerChange change = changes.request(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(old),
                    "1.2.246.10." + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999) + ".10.0", "benchmark",
                    LocalDate.now()), new RequestContext(Oid.of(old), "bench", RequestContext.OWN_REGISTER_USE));
            changes.pause(change.id());

            // the change, with archiving into the other register beside it for as long as the job runs
            AtomicBoolean running = new AtomicBoolean(true);
            Phase[] during = new Phase[1];
            Thread beside = new Thread(() -> during[0] = archive(archiving, documents.subList(2 * perPhase,
                    5 * perPhase), bulk, otherRegister, running), "beside");
            beside.start();
            long start = System.nanoTime();
            JobExecution execution = launcher.run(change.id(), "bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            beside.join();
            changes.resume(change.id());

            System.out.printf("controller change: %s, %,d documents assigned in %.1f s (goal <= 60 s: %s)%n",
                    execution.getStatus(), changes.assignedCount(change.id()), seconds, seconds <= 60 ? "met" : "NOT met");
            for (StepExecution step : execution.getStepExecutions()) {
                System.out.printf("  step %s: %.1f s%n", step.getStepName(), Duration.between(step.getStartTime(),
                        step.getEndTime()).toMillis() / 1e3);
            }
            long chainStart = System.nanoTime();
            AuditVerification chain = context.getBean(AuditLog.class).verify();
            System.out.printf("  of which the whole audit chain's verification, again: %.1f s for %,d events%n",
                    (System.nanoTime() - chainStart) / 1e9, chain.events());
            double ratio = during[0].rate() / alone.rate();
            System.out.printf("other register alone: %.1f documents/s (%d in %.1f s); beside the change: %.1f"
                    + " documents/s (%d in %.1f s of the job's %.1f s); ratio %.2f (goal >= 0.90: %s)%n",
                    alone.rate(), alone.documents(), alone.seconds(), during[0].rate(), during[0].documents(),
                    during[0].seconds(), seconds, ratio, ratio >= 0.9 ? "met" : "NOT met");
        }
        System.exit(0);
    }

    /** Archives the documents in bulks while {@code go} holds. */
    private static Phase archive(ArchivingService archiving, List<byte[]> documents, int bulk, RequestContext context,
                                  AtomicBoolean go) {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < documents.size() && go.get(); i += bulk) {
            List<byte[]> batch = documents.subList(i, Math.min(documents.size(), i + bulk));
            archiving.archiveAll(batch, context);
            done.addAndGet(batch.size());
        }
        return new Phase(done.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Documents archived or refused in a phase, and its wall time. */
    private record Phase(long documents, double seconds) {
        double rate() {
            return documents / seconds;
        }
    }
}

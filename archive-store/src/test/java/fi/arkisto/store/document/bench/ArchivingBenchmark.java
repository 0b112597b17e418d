package fi.arkisto.store.document.bench;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.registeraccess.DeploymentTestWindows;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.accessrecords.ClientFactsService;
import fi.arkisto.store.accessrecords.RegisterAccessAgreementService;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.BulkResult;
import fi.arkisto.store.document.DocumentLookup;
import fi.arkisto.store.document.DocumentRepository;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.TestDatabase;
import fi.arkisto.store.testsupport.TestObjectStorage;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: archiving rates against raw baselines measured in the same run on the same servers
 * (local PostgreSQL, embedded s3proxy): raw PUT of the same bytes through the same minio-java
 * client (1 and 16 threads), raw JDBC batch insert of rows of the same width, and parsing alone.
 * See bench/archiving/README.md. Arguments: [documents (default 2000)] [bulk batch size (default 500)].
 */
public final class ArchivingBenchmark {

    private static final RequestContext CONTEXT =
            new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "bench", "1");

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        try (TestDatabase database = TestDatabase.onLocalServer(); TestObjectStorage storage = TestObjectStorage.embedded()) {
            database.migrateArchiveSchema();
            ObjectStore objects = storage.newObjectStore();
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
            AuditLog audit = new AuditLog(database.dataSource(), transactions, Clock.systemUTC());
            CdaParser parser = new CdaParser();
            ClientFactsService clientFacts = new ClientFactsService(
                    new DocumentLookup(objects, parser, database.dataSource()),
                    new RegisterAccessAgreementService(database.dataSource(), transactions, audit, Clock.systemUTC()),
                    database.dataSource(), UnitOrganisation.byRule(), DeploymentTestWindows.NONE);
            ArchivingService archiving = new ArchivingService(parser, List.of(), objects, audit,
                    new AccessRules(AccessProperties.defaults()), clientFacts,
                    new DocumentRepository(database.dataSource()), transactions, Clock.systemUTC(),
                    new SimpleAsyncTaskExecutor("bench-archive-"), 16);

            List<byte[]> warmup = generate(200);
            archiving.archiveAll(warmup, CONTEXT);
            List<byte[]> raw = generate(documents);
            List<byte[]> bulk = generate(documents);
            List<byte[]> single = generate(Math.min(documents, 300));
            System.out.printf("documents: %d of ~%d bytes, bulk batches of %d, %d cores%n", documents, bulk.get(0).length,
                    batch, Runtime.getRuntime().availableProcessors());

            double parse = rate(single.size(), () -> single.forEach(parser::parse));
            double put1 = rate(single.size(), () -> single.forEach(b -> put(objects, b)));
            double put16 = rate(raw.size(), () -> parallel(raw, 16, b -> put(objects, b)));
            double insert = rate(documents, () -> rawInsert(database, documents));
            double singles = rate(single.size(), () -> single.forEach(b -> archiving.archive(b, CONTEXT)));
            double bulkRate = rate(bulk.size(), () -> {
                for (int i = 0; i < bulk.size(); i += batch) {
                    List<BulkResult> results = archiving.archiveAll(bulk.subList(i, Math.min(bulk.size(), i + batch)), CONTEXT);
                    if (results.stream().anyMatch(r -> !r.succeeded())) {
                        throw new IllegalStateException("bulk item failed: " + results.stream().filter(r -> !r.succeeded())
                                .findFirst().orElseThrow().error());
                    }
                }
            });

            System.out.printf("%-58s %10.0f /s%n", "raw parse (CdaParser), 1 thread", parse);
            System.out.printf("%-58s %10.0f /s%n", "raw PUT + verify (minio-java, TCP_NODELAY), 1 thread", put1);
            System.out.printf("%-58s %10.0f /s%n", "raw PUT + verify, 16 threads", put16);
            System.out.printf("%-58s %10.0f /s%n", "raw JDBC batch insert of 33-column rows, 1 connection", insert);
            System.out.printf("%-58s %10.0f /s  (%.2f of raw 1-thread PUT)%n", "archive() one by one", singles, singles / put1);
            System.out.printf("%-58s %10.0f /s  (%.2f of raw 16-thread PUT)%n", "archiveAll() in batches", bulkRate, bulkRate / put16);
            System.out.printf("audit chain valid: %s%n", audit.verify());
            objects.close();
        }
    }

    private static List<byte[]> generate(int count) {
        List<byte[]> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            documents.add(KantaSamples.document().client(KantaSamples.newTestIdentityCode()).build());
        }
        return documents;
    }

    private static void put(ObjectStore objects, byte[] bytes) {
        // the same bytes under another prefix, so the archiving runs below still write their own objects
        String sha = ContentHash.sha256Hex(bytes);
        objects.put("raw/" + sha, bytes, sha);
    }

    private static void rawInsert(TestDatabase database, int rows) {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        jdbc.execute("CREATE TABLE IF NOT EXISTS public.raw_rows ("
                + java.util.stream.IntStream.rangeClosed(1, 31).mapToObj(c -> "c" + c + " text, ")
                .collect(java.util.stream.Collectors.joining()) + "c32 jsonb, c33 timestamptz)");
        String json = "{\"k\": \"" + "x".repeat(1500) + "\"}";
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Object[] row = new Object[33];
            for (int c = 0; c < 31; c++) {
                row[c] = "1.2.246.10.32213561.95777.2026." + i + "." + c;
            }
            row[31] = json;
            row[32] = java.sql.Timestamp.from(java.time.Instant.now());
            batch.add(row);
        }
        jdbc.batchUpdate("INSERT INTO public.raw_rows VALUES (" + "?, ".repeat(31) + "?::jsonb, ?)", batch);
    }

    private static void parallel(List<byte[]> items, int threads, java.util.function.Consumer<byte[]> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (byte[] item : items) {
                futures.add(pool.submit(() -> work.accept(item)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    private static double rate(int count, Runnable work) {
        long start = System.nanoTime();
        work.run();
        return count / ((System.nanoTime() - start) / 1e9);
    }
}

package fi.arkisto.batch.migration;

import fi.arkisto.store.ArchiveStoreProperties;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.object.NoDelaySocketFactory;
import fi.arkisto.store.object.ObjectStoreProperties;
import fi.arkisto.store.signature.SignatureVerifier;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.batch.core.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The legacy migration benchmark (bench/README.md): in one JVM and one run, per package size, first the raw ceilings
 * of the steps every migrated document cannot avoid, each measured alone, warmed up, at full concurrency and over as
 * many operations as the package has rows (an S3 PUT of a document-sized object through a bare minio client set up
 * like the archive's, an RSA signature with the configured system key, a CDA parse of a wrapped and signed document,
 * the verification of its signature, a PostgreSQL COPY of its metadata row), then their combined ceiling
 * {@code 1 / Σ (1 / rate)} (every step of a document runs on the same cores), then the migration of a generated
 * package of that size, with its ratio to the combined ceiling and to each step's. A ratio above 1 would mean a
 * ceiling is wrong: the benchmark says so and exits with status 3. Not a test: run with
 * {@code bench/migration/run.sh [sizes...]}.
 */
public final class MigrationBenchmark {

    private MigrationBenchmark() {
    }

    /** A step every migrated document needs, measured alone: its rate per wall second and per process CPU second. */
    record Ceiling(String name, Rate rate) {
    }

    public static void main(String[] args) throws Exception {
        // --ceiling-ops=N caps each ceiling's measured operations: a warm steady rate needs far fewer than a million-row
        // package's, and the ceilings would otherwise double the million-row run's time
        long ceilingOps = java.util.Arrays.stream(args).filter(a -> a.startsWith("--ceiling-ops="))
                .mapToLong(a -> Long.parseLong(a.substring("--ceiling-ops=".length()))).findFirst().orElse(Long.MAX_VALUE);
        long[] sizes = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).mapToLong(Long::parseLong).toArray();
        if (sizes.length == 0) {
            sizes = new long[] {10_000, 100_000};
        }
        int cores = Runtime.getRuntime().availableProcessors();
        MigrationTestEnvironment env = MigrationTestEnvironment.get();
        Map<String, String> properties = env.properties();
        properties.put("arkisto.migration.partitions", String.valueOf(cores));
        properties.put("arkisto.migration.chunk-size", "200");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.fi.arkisto.batch.migration.MigrationProgressLogger", "INFO");
        properties.put("arkisto.migration.log-interval", "30s");
        String[] springArgs = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        Path work = Files.createTempDirectory("arkisto-migration-bench");
        System.out.printf("Legacy migration benchmark: %d cores, max heap %d MB, load average %.1f%n", cores,
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        boolean ceilingWrong = false;

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MigrationTestApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(springArgs)) {
            // real wrapped and signed documents: their size is the PUT's object size, and they are what is parsed and verified
            List<byte[]> documents = sampleDocuments(work.resolve("sample"), context);
            int documentBytes = (int) documents.stream().mapToInt(d -> d.length).average().orElseThrow();
            int concurrency = context.getBean(ArchiveStoreProperties.class).storageConcurrency();
            MigrationLauncher launcher = context.getBean(MigrationLauncher.class);
            MigrationMonitor monitor = context.getBean(MigrationMonitor.class);
            // JIT warm-up of the job, not reported: without it the smallest package pays the compiler and looks the most expensive
            Path warmUp = work.resolve("package-warm-up");
            LegacyPackageGenerator.generate(LegacyPackageOptions.of(5_000, warmUp).withBadPercent(1).withSeed(7)
                    .withController(MigrationTestEnvironment.CONTROLLER).withFileBytes(1500));
            launcher.run(warmUp, Oid.of(MigrationTestEnvironment.CONTROLLER));
            deleteTree(warmUp);
            RetainedHeap retained = RetainedHeap.start();
            for (long size : sizes) {
                long ops = Math.min(size, ceilingOps);
                System.out.printf("%nPackage of %,d rows (load average %.1f); each ceiling over %,d operations%n", size,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), ops);
                List<Ceiling> ceilings = List.of(
                        new Ceiling(String.format("raw S3 PUT of %,d-byte objects, %d parallel (bare minio client, TCP_NODELAY)",
                                documentBytes, concurrency),
                                rawS3PutCeiling(context.getBean(ObjectStoreProperties.class), documentBytes, concurrency, ops)),
                        new Ceiling(String.format("RSA-2048 SHA256withRSA with the system key, %d threads", cores),
                                rsaSignCeiling(env, cores, ops)),
                        new Ceiling(String.format("CDA parse of the wrapped signed documents, %d threads", cores),
                                parseCeiling(context.getBean(CdaParser.class), documents, cores, ops)),
                        new Ceiling(String.format("signature verification of the parsed documents, %d threads", cores),
                                verifyCeiling(context.getBean(CdaParser.class), context.getBean(SignatureVerifier.class),
                                        documents, cores, ops)),
                        new Ceiling("PostgreSQL COPY of 15-column metadata rows (server CPU not counted)",
                                copyCeiling(context.getBean(DataSource.class), ops)));
                double combinedWall = 1 / ceilings.stream().mapToDouble(c -> 1 / c.rate().wall()).sum();
                double combinedCpu = 1 / ceilings.stream().mapToDouble(c -> 1 / c.rate().cpu()).sum();
                for (Ceiling c : ceilings) {
                    System.out.printf("ceiling  %s: %,.0f/s wall, %,.0f per CPU s%n", c.name(), c.rate().wall(), c.rate().cpu());
                }
                System.out.printf("combined ceiling 1 / sum(1 / rate): %,.0f/s wall, %,.0f per CPU s%n", combinedWall, combinedCpu);

                Path pkg = work.resolve("package-" + size);
                LegacyPackageGenerator.generate(LegacyPackageOptions.of(size, pkg).withBadPercent(1).withSeed(size)
                        .withController(MigrationTestEnvironment.CONTROLLER).withFileBytes(1500));
                System.gc();
                resetPeaks();
                retained.reset();
                double cpu = cpuSeconds();
                long start = System.nanoTime();
                long executionId = launcher.start(pkg, Oid.of(MigrationTestEnvironment.CONTROLLER));
                MigrationProgress progress = followInSegments(monitor, executionId, size, retained);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuUsed = cpuSeconds() - cpu;
                JobExecution execution = context.getBean(org.springframework.batch.core.explore.JobExplorer.class).getJobExecution(executionId);
                Rate migration = new Rate(size / seconds, size / cpuUsed);
                System.out.printf("migrate %,9d rows: %s in %.1f s (%.1f CPU s): %,.0f documents/s wall (ratio %.2f to the combined"
                                + " ceiling), %,.0f per CPU s (ratio %.2f), %.2f CPU ms per document, archived %,d, rejected %,d,"
                                + " peak heap %d MB (pools' peaks summed), heap used after GC: max %d MB%n",
                        size, execution.getStatus(), seconds, cpuUsed, migration.wall(), migration.wall() / combinedWall,
                        migration.cpu(), migration.cpu() / combinedCpu, 1000 * cpuUsed / size, progress.archived(),
                        progress.rejected(), peakHeap() >> 20, retained.max() >> 20);
                for (Ceiling c : ceilings) {
                    System.out.printf("  ratio to %s: %.2f wall, %.2f per CPU s%n", c.name(), migration.wall() / c.rate().wall(),
                            migration.cpu() / c.rate().cpu());
                }
                ceilingWrong |= reportAboveOne("the combined ceiling", migration, new Rate(combinedWall, combinedCpu));
                for (Ceiling c : ceilings) {
                    ceilingWrong |= reportAboveOne(c.name(), migration, c.rate());
                }
                deleteTree(pkg);
            }
        }
        System.exit(ceilingWrong ? 3 : 0);
    }

    /**
     * A migration faster than a step it cannot avoid means the step's ceiling was measured wrong (or the machine's load
     * fell between the two): say so, so the run is not taken for a result.
     */
    private static boolean reportAboveOne(String ceiling, Rate migration, Rate bound) {
        boolean wall = migration.wall() > bound.wall();
        // the COPY's work is the server's, not this process's: its per-CPU-second rate bounds nothing here
        boolean cpu = !ceiling.startsWith("PostgreSQL") && migration.cpu() > bound.cpu();
        if (wall || cpu) {
            System.out.printf("ERROR: the migration exceeds %s (%s): that ceiling is wrong; this run is not a result%n",
                    ceiling, wall ? "per wall second" : "per CPU second");
        }
        return wall || cpu;
    }

    /**
     * Waits for the migration to end, printing one line per segment (a tenth of the package, at least 10,000 rows):
     * rows/s, CPU ms per document, the most heap in use after a GC within the segment and the live heap after a full
     * GC at its end, so a flat per-document cost and a flat heap can be read off one run, and a run stopped early
     * still shows how far they stayed flat.
     */
    private static MigrationProgress followInSegments(MigrationMonitor monitor, long executionId, long size, RetainedHeap retained)
            throws InterruptedException {
        long segment = Math.max(10_000, size / 10);
        long nextBoundary = segment;
        long segmentRows = 0;
        long segmentStart = System.nanoTime();
        double segmentCpu = cpuSeconds();
        long heapBefore = retained.max();
        retained.reset();
        while (true) {
            Thread.sleep(1000);
            MigrationProgress progress = monitor.progress(executionId).orElseThrow();
            boolean ended = !progress.running();
            if (progress.processedRows() >= nextBoundary || (ended && progress.processedRows() > segmentRows)) {
                double wall = (System.nanoTime() - segmentStart) / 1e9;
                double cpu = cpuSeconds() - segmentCpu;
                long rows = progress.processedRows() - segmentRows;
                // a full collection leaves only what is reachable: the live heap, which must not grow with the rows
                System.gc();
                long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("  segment rows %,9d-%,9d: %,6.0f documents/s wall, %.2f CPU ms per document,"
                                + " heap used after GC: max %d MB, live heap after a full GC: %d MB%n",
                        segmentRows + 1, progress.processedRows(), rows / wall, 1000 * cpu / rows, retained.max() >> 20, live >> 20);
                heapBefore = Math.max(heapBefore, retained.max());
                retained.reset();
                segmentRows = progress.processedRows();
                segmentStart = System.nanoTime();
                segmentCpu = cpuSeconds();
                while (nextBoundary <= segmentRows) {
                    nextBoundary += segment;
                }
            }
            if (ended) {
                retained.accumulate(heapBefore);
                return progress;
            }
        }
    }

    /** Wrapped and system-signed documents as the migration makes them, from a generated package of 200 good rows. */
    private static List<byte[]> sampleDocuments(Path dir, ConfigurableApplicationContext context) throws Exception {
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(200, dir).withBadPercent(0).withSeed(99)
                .withController(MigrationTestEnvironment.CONTROLLER).withFileBytes(1500));
        KantaDocumentWrapper wrapper = context.getBean(KantaDocumentWrapper.class);
        DocumentSigner signer = context.getBean(DocumentSigner.class);
        RowValidator validator = new RowValidator(context.getBean(MigrationCodes.class));
        List<byte[]> documents = new ArrayList<>();
        try (LegacyPackage pkg = LegacyPackage.open(dir); ManifestCsv csv = new ManifestCsv(pkg.openManifest())) {
            ManifestRow row;
            while ((row = csv.next()) != null) {
                LegacyDocument document = validator.validate(row, Oid.of(MigrationTestEnvironment.CONTROLLER));
                var out = new java.io.ByteArrayOutputStream();
                try (var in = pkg.file(document.filePath()).open()) {
                    wrapper.wrap(document, LegacyDocumentOids.derive(document.controller(), document.legacyId(), 7), in, out);
                }
                documents.add(signer.sign(out.toByteArray(), java.time.Instant.now()));
            }
        }
        return documents;
    }

    /** The operation of one step, given the index of the operation (0 to count-1 after the warm-up). */
    @FunctionalInterface
    interface Step {
        void run(long index) throws Exception;
    }

    /**
     * Runs a step {@code count} times on {@code threads} threads and returns its rate, after an unmeasured warm-up of a
     * tenth of that (at least 500 and at most 5,000 operations) on the same threads, so the JIT, connection pools and
     * caches are warm and the measured run lasts as long as the work it bounds.
     */
    static Rate measure(int threads, long count, Step step) throws Exception {
        long warmUp = warmUpOperations(count);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runOn(pool, threads, warmUp, -warmUp - 1, step);
            double cpu = cpuSeconds();
            long start = System.nanoTime();
            runOn(pool, threads, count, 0, step);
            return Rate.of(count, start, cpu);
        } finally {
            pool.shutdown();
        }
    }

    private static long warmUpOperations(long count) {
        return Math.max(500, Math.min(5_000, count / 10));
    }

    private static void runOn(ExecutorService pool, int threads, long count, long firstIndex, Step step) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count) {
                    step.run(firstIndex + i);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    /**
     * One PUT per object (no Content-MD5, no HEAD) through a bare minio client whose OkHttp client is set up like the
     * archive's (TCP_NODELAY, kept-alive connections for the concurrency): the store's own cost of taking an object.
     * The objects are removed afterwards, unmeasured.
     */
    private static Rate rawS3PutCeiling(ObjectStoreProperties properties, int bytes, int concurrency, long count) throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().socketFactory(new NoDelaySocketFactory())
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES)).protocols(List.of(Protocol.HTTP_1_1)).build();
        io.minio.MinioClient client = io.minio.MinioClient.builder().endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey()).region(properties.region()).httpClient(http).build();
        byte[] base = new byte[bytes];
        new java.util.Random(2).nextBytes(base);
        String prefix = "bench-raw-" + System.nanoTime() + "/";
        Rate rate = measure(concurrency, count, i -> {
            byte[] content = base.clone();
            java.nio.ByteBuffer.wrap(content).putLong(i).putLong(System.nanoTime());
            client.putObject(io.minio.PutObjectArgs.builder().bucket(properties.bucket()).object(prefix + i)
                    .stream(new java.io.ByteArrayInputStream(content), content.length, -1).build());
        });
        // the keys are known (warm-up indices below zero, then 0..count-1): listing a million objects would make the
        // embedded server build every listing entry on this heap
        long warmUp = warmUpOperations(count);
        for (long from = -warmUp - 1; from < count; from += 1_000) {
            List<io.minio.messages.DeleteObject> keys = new ArrayList<>();
            for (long i = from; i < Math.min(count, from + 1_000); i++) {
                keys.add(new io.minio.messages.DeleteObject(prefix + i));
            }
            for (var error : client.removeObjects(io.minio.RemoveObjectsArgs.builder().bucket(properties.bucket())
                    .objects(keys).build())) {
                error.get();
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        return rate;
    }

    private static Rate rsaSignCeiling(MigrationTestEnvironment env, int threads, long count) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(env.systemKeystore)) {
            store.load(in, MigrationTestEnvironment.PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("system", MigrationTestEnvironment.PASSWORD.toCharArray());
        byte[] data = "SignedInfo of a migrated document".getBytes(StandardCharsets.UTF_8);
        ThreadLocal<Signature> signatures = ThreadLocal.withInitial(() -> {
            try {
                return Signature.getInstance("SHA256withRSA");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        return measure(threads, count, i -> {
            Signature signature = signatures.get();
            signature.initSign(key);
            signature.update(data);
            signature.sign();
        });
    }

    private static Rate parseCeiling(CdaParser parser, List<byte[]> documents, int threads, long count) throws Exception {
        return measure(threads, count, i -> parser.parse(documents.get((int) Math.floorMod(i, documents.size()))));
    }

    /** The archive's signature check of an already parsed document (the verifier copies the DOM, so they can be shared). */
    private static Rate verifyCeiling(CdaParser parser, SignatureVerifier verifier, List<byte[]> documents, int threads,
                                      long count) throws Exception {
        List<ParsedDocument> parsed = documents.stream().map(parser::parse).toList();
        return measure(threads, count, i -> verifier.check(parsed.get((int) Math.floorMod(i, parsed.size())),
                new ValidationReport()));
    }

    private static Rate copyCeiling(DataSource dataSource, long rows) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("""
                    CREATE TEMP TABLE bench_copy (document_oid varchar(256), set_id varchar(256), version_number int,
                      client_id varchar(64), client_id_root varchar(256), controller_oid varchar(256), service_unit_oid varchar(256),
                      service_task varchar(64), document_group varchar(64), general_type varchar(64), effective_time timestamptz,
                      creation_time timestamptz, case_id varchar(256), sha256 char(64), object_key varchar(512))""");
            // warm-up: a tenth of the rows into the same table, unmeasured
            copyRows(connection, Math.max(1_000, rows / 10), 0);
            double cpu = cpuSeconds();
            long start = System.nanoTime();
            copyRows(connection, rows, rows);
            Rate rate = Rate.of(rows, start, cpu);
            connection.createStatement().execute("DROP TABLE bench_copy");
            return rate;
        }
    }

    private static void copyRows(Connection connection, long rows, long firstRow) throws Exception {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy FROM STDIN WITH (FORMAT text)");
        StringBuilder line = new StringBuilder();
        for (long i = firstRow; i < firstRow + rows; i++) {
            line.setLength(0);
            String oid = "1.2.246.10.12345678.10.0.7." + (1_000_000_000L + i);
            String sha = String.format("%064x", i);
            line.append(oid).append('\t').append(oid).append("\t1\t010101A900").append(i % 10).append("\t1.2.246.21\t")
                    .append("1.2.246.10.12345678.10.0\t1.2.246.10.12345678.10.1001\t24\t4\t4\t2009-03-15 10:30:00+02\t")
                    .append("2009-03-15 10:30:00+02\t1.2.246.10.12345678.95777.2009.42\t").append(sha)
                    .append("\tdocuments/").append(sha).append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
        }
        copy.endCopy();
    }

    /** CPU time of the whole process (all threads, the embedded S3 server's included), in seconds. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** A rate per wall-clock second and per process CPU second. */
    record Rate(double wall, double cpu) {
        static Rate of(long count, long startNanos, double startCpu) {
            return new Rate(count / ((System.nanoTime() - startNanos) / 1e9), count / Math.max(1e-9, cpuSeconds() - startCpu));
        }
    }

    /**
     * The heap still in use right after each garbage collection (live data plus what the collector left), maximum over
     * the run: unlike the pools' summed peaks it does not count garbage waiting for the next collection, so it is the
     * number that must stay flat as the package grows.
     */
    static final class RetainedHeap {
        private final AtomicLong max = new AtomicLong();

        static RetainedHeap start() {
            RetainedHeap heap = new RetainedHeap();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        var after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                        if (pool.getType() == MemoryType.HEAP && after != null) {
                            used += after.getUsed();
                        }
                    }
                    heap.max.accumulateAndGet(used, Math::max);
                }, null, null);
            }
            return heap;
        }

        void reset() {
            max.set(0);
        }

        void accumulate(long value) {
            max.accumulateAndGet(value, Math::max);
        }

        long max() {
            return max.get();
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

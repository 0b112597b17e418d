package fi.arkisto.batch.migration;

import fi.arkisto.store.ArchiveStoreProperties;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.ObjectStoreProperties;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The legacy migration benchmark (issue 5; bench/README.md): in one JVM and one run, first the raw ceilings of the
 * three things a migrated document needs (an S3 PUT of a document-sized object with the archive's own client and
 * concurrency, an RSA signature with the configured system key on every core, a PostgreSQL COPY of a metadata row),
 * then migrations of generated packages of the given sizes, printing documents/s, the ratio to the lowest ceiling,
 * per-document cost and peak heap. Not a test: run with {@code bench/migration/run.sh [sizes...]}.
 */
public final class MigrationBenchmark {

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] {10_000, 100_000} : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
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

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MigrationTestApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(springArgs)) {
            // a sample of real wrapped documents gives the object size the ceilings use
            int documentBytes = sampleDocumentSize(work.resolve("sample"), context);
            ObjectStore objects = context.getBean(ObjectStore.class);
            int concurrency = context.getBean(ArchiveStoreProperties.class).storageConcurrency();
            Rate verifiedPut = s3PutCeiling(objects, documentBytes, concurrency, 3000);
            Rate put = rawS3PutCeiling(context.getBean(ObjectStoreProperties.class), documentBytes, concurrency, 3000);
            Rate sign = rsaSignCeiling(env, cores, 3000);
            Rate copy = copyCeiling(context.getBean(DataSource.class), 200_000);
            double lowestWall = Math.min(put.wall(), Math.min(sign.wall(), copy.wall()));
            double lowestCpu = Math.min(put.cpu(), sign.cpu());
            System.out.printf("ceiling  raw S3 PUT of %d-byte objects, %d parallel (minio client, PUT only): %,.0f/s wall, %,.0f per CPU s%n",
                    documentBytes, concurrency, put.wall(), put.cpu());
            System.out.printf("         (the archive's verified write of the same objects, PUT with Content-MD5 + HEAD: %,.0f/s wall,"
                    + " %,.0f per CPU s)%n", verifiedPut.wall(), verifiedPut.cpu());
            System.out.printf("ceiling  RSA-2048 SHA256withRSA with the system key on %d threads: %,.0f/s wall, %,.0f per CPU s%n",
                    cores, sign.wall(), sign.cpu());
            System.out.printf("ceiling  PostgreSQL COPY of 15-column metadata rows: %,.0f/s wall (server CPU not counted)%n", copy.wall());
            System.out.printf("lowest ceiling: %,.0f/s wall, %,.0f per CPU s%n", lowestWall, lowestCpu);

            MigrationLauncher launcher = context.getBean(MigrationLauncher.class);
            MigrationMonitor monitor = context.getBean(MigrationMonitor.class);
            // JIT warm-up, not reported: without it the smallest package pays the compiler and looks the most expensive
            Path warmUp = work.resolve("package-warm-up");
            LegacyPackageGenerator.generate(LegacyPackageOptions.of(5_000, warmUp).withBadPercent(1).withSeed(7)
                    .withController(MigrationTestEnvironment.CONTROLLER).withFileBytes(1500));
            launcher.run(warmUp, Oid.of(MigrationTestEnvironment.CONTROLLER));
            deleteTree(warmUp);
            RetainedHeap retained = RetainedHeap.start();
            for (long size : sizes) {
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
                double rate = size / seconds;
                double cpuRate = size / cpuUsed;
                System.out.printf("migrate %,9d rows: %s in %.1f s (%.1f CPU s): %,.0f documents/s wall (ratio %.2f to the lowest"
                                + " ceiling), %,.0f per CPU s (ratio %.2f), %.2f CPU ms per document, archived %,d, rejected %,d,"
                                + " peak heap %d MB (pools' peaks summed), heap used after GC: max %d MB%n",
                        size, execution.getStatus(), seconds, cpuUsed, rate, rate / lowestWall, cpuRate, cpuRate / lowestCpu,
                        1000 * cpuUsed / size, progress.archived(), progress.rejected(), peakHeap() >> 20, retained.max() >> 20);
                deleteTree(pkg);
            }
        }
        System.exit(0);
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

    private static int sampleDocumentSize(Path dir, ConfigurableApplicationContext context) throws Exception {
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(200, dir).withBadPercent(0).withSeed(99)
                .withController(MigrationTestEnvironment.CONTROLLER).withFileBytes(1500));
        KantaDocumentWrapper wrapper = context.getBean(KantaDocumentWrapper.class);
        DocumentSigner signer = context.getBean(DocumentSigner.class);
        RowValidator validator = new RowValidator(context.getBean(MigrationCodes.class));
        long total = 0;
        int n = 0;
        try (LegacyPackage pkg = LegacyPackage.open(dir); ManifestCsv csv = new ManifestCsv(pkg.openManifest())) {
            ManifestRow row;
            while ((row = csv.next()) != null) {
                LegacyDocument document = validator.validate(row, Oid.of(MigrationTestEnvironment.CONTROLLER));
                var out = new java.io.ByteArrayOutputStream();
                try (var in = pkg.file(document.filePath()).open()) {
                    wrapper.wrap(document, LegacyDocumentOids.derive(document.controller(), document.legacyId(), 7), in, out);
                }
                total += signer.sign(out.toByteArray(), java.time.Instant.now()).length;
                n++;
            }
        }
        return (int) (total / n);
    }

    private static Rate s3PutCeiling(ObjectStore objects, int bytes, int concurrency, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        byte[] base = new byte[bytes];
        new java.util.Random(1).nextBytes(base);
        double cpu = cpuSeconds();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] content = base.clone();
            java.nio.ByteBuffer.wrap(content).putLong(System.nanoTime()).putInt(i);
            futures.add(pool.submit(() -> {
                String sha = ContentHash.sha256Hex(content);
                objects.put("bench/" + sha, content, sha);
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        Rate rate = Rate.of(count, start, cpu);
        pool.shutdown();
        return rate;
    }

    /** The same objects and concurrency through a bare minio client: one PUT each, no Content-MD5, no HEAD. */
    private static Rate rawS3PutCeiling(ObjectStoreProperties properties, int bytes, int concurrency, int count) throws Exception {
        io.minio.MinioClient client = io.minio.MinioClient.builder().endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey()).region(properties.region()).build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        byte[] base = new byte[bytes];
        new java.util.Random(2).nextBytes(base);
        double cpu = cpuSeconds();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] content = base.clone();
            java.nio.ByteBuffer.wrap(content).putLong(System.nanoTime()).putInt(i);
            String key = "bench-raw/" + i + "-" + System.nanoTime();
            futures.add(pool.submit(() -> client.putObject(io.minio.PutObjectArgs.builder().bucket(properties.bucket())
                    .object(key).stream(new java.io.ByteArrayInputStream(content), content.length, -1).build())));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        Rate rate = Rate.of(count, start, cpu);
        pool.shutdown();
        return rate;
    }

    private static Rate rsaSignCeiling(MigrationTestEnvironment env, int threads, int count) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(env.systemKeystore)) {
            store.load(in, MigrationTestEnvironment.PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("system", MigrationTestEnvironment.PASSWORD.toCharArray());
        byte[] data = "SignedInfo of a migrated document".getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        double cpu = cpuSeconds();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                Signature signature = Signature.getInstance("SHA256withRSA");
                while (done.incrementAndGet() <= count) {
                    signature.initSign(key);
                    signature.update(data);
                    signature.sign();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        Rate rate = Rate.of(count, start, cpu);
        pool.shutdown();
        return rate;
    }

    private static Rate copyCeiling(DataSource dataSource, int rows) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("""
                    CREATE TEMP TABLE bench_copy (document_oid varchar(256), set_id varchar(256), version_number int,
                      client_id varchar(64), client_id_root varchar(256), controller_oid varchar(256), service_unit_oid varchar(256),
                      service_task varchar(64), document_group varchar(64), general_type varchar(64), effective_time timestamptz,
                      creation_time timestamptz, case_id varchar(256), sha256 char(64), object_key varchar(512))""");
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy FROM STDIN WITH (FORMAT text)");
            double cpu = cpuSeconds();
            long start = System.nanoTime();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
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
            // the COPY's CPU is mostly the server's, which this process does not see: per wall second only
            double wall = rows / ((System.nanoTime() - start) / 1e9);
            return new Rate(wall, Rate.of(rows, start, cpu).cpu());
        }
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

package fi.arkisto.app.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import fi.arkisto.app.ArkistoApplication;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.BulkResult;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.message.IngestMetrics;
import fi.arkisto.store.message.MultipartRelatedWriter;
import fi.arkisto.store.testsupport.ArchiveStoreTestEnvironment;
import fi.arkisto.store.testsupport.KantaSamples;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Not a test: the online channels (queue and REST messages) against the bulk path ({@code archiveAll}) of the same
 * application in the same run, with the same kind of documents (the sample, own OID and test identity code each,
 * signed by the controller's client information system and verified on arrival). See bench/intake/README.md.
 *
 * <p>Arguments: documents per phase (2000), offered rate per second (200), queue consumers (32), REST clients (32).
 */
public final class IntakeBenchmark {

    private static final String CONTROLLER = KantaSamples.SAMPLE_CONTROLLER;
    private static final String CLIENT = "bench-cis";
    private static final String PASSWORD = "bench-only-password-1";
    private static final String ATTACHMENT_ID = "1112120";
    private static final RequestContext BULK = new RequestContext(Oid.of(CONTROLLER), "bench-bulk", RequestContext.OWN_REGISTER_USE);

    private final int documents;
    private final int rate;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String prefix = "arkisto.bench." + UUID.randomUUID();
    private URI messages;
    private MeterRegistry groups;
    private double groupsBefore;
    private double membersBefore;

    private IntakeBenchmark(int documents, int rate) {
        this.documents = documents;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int consumers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int restClients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int status = 1;
        try {
            new IntakeBenchmark(documents, rate).run(consumers, restClients);
            status = 0;
        } finally {
            // the application's non-daemon threads must not outlive a failed run
            System.exit(status);
        }
    }

    private void run(int consumers, int restClients) throws Exception {
        System.out.printf("%d documents per phase, %d/s offered, %d queue consumers, %d REST clients, %d cores%n",
                documents, rate, consumers, restClients, Runtime.getRuntime().availableProcessors());
        // as command-line arguments: they override application.yml, as the tests' properties do
        String[] arguments = properties(consumers).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ArkistoApplication.class)
                .run(arguments)) {
            messages = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
                    + "/api/v1/messages");
            ArchivingService archiving = context.getBean(ArchivingService.class);
            groups = context.getBean(IngestMetrics.class).registry();
            ConnectionFactory broker = new ConnectionFactory();
            broker.setHost("127.0.0.1");
            try (Connection connection = broker.newConnection("intake-benchmark")) {
                // warm-up of every path (not reported)
                bulk(archiving, plainDocuments(600));
                queue(connection, framed(400), 0);
                rest(framed(400), restClients, 0);

                List<byte[]> bulkDocuments = plainDocuments(documents);
                long cpu = cpuNanos();
                double bulk = bulk(archiving, bulkDocuments);
                System.out.printf("bulk archiveAll (chunks of 200, %d callers): %.0f documents/s, %.2f CPU ms/document%n",
                        callers(), bulk, cpuMillisPerDocument(cpu));
                if (Boolean.getBoolean("bench.small-chunks")) {
                    for (int chunk : new int[] {1, 2, 4, 16}) {
                        List<byte[]> small = plainDocuments(documents);
                        long before = cpuNanos();
                        double smallRate = bulk(archiving, small, chunk, 32);
                        System.out.printf("bulk archiveAll in chunks of %d, 32 callers: %.0f documents/s, %.2f CPU ms/document%n",
                                chunk, smallRate, cpuMillisPerDocument(before));
                    }
                }
                double raw = rawQueue(connection, framed(documents), consumers);
                System.out.printf("raw RabbitMQ (quorum queue, persistent, %d consumers, manual ack): %.0f msg/s%n",
                        consumers, raw);
                List<MultipartRelatedWriter.Encoded> payloads = framed(documents);
                cpu = startPhase();
                Latencies queueSaturated = queue(connection, payloads, 0);
                queueSaturated.cpuMillis = cpuMillisPerDocument(cpu);
                queueSaturated.meanGroup = meanGroup();
                print("queue, all offered at once", queueSaturated, bulk);
                payloads = framed(documents);
                cpu = startPhase();
                Latencies queueOffered = queue(connection, payloads, rate);
                queueOffered.cpuMillis = cpuMillisPerDocument(cpu);
                queueOffered.meanGroup = meanGroup();
                print("queue, " + rate + "/s offered", queueOffered, bulk);
                payloads = framed(documents);
                cpu = startPhase();
                Latencies restSaturated = rest(payloads, restClients, 0);
                restSaturated.cpuMillis = cpuMillisPerDocument(cpu);
                restSaturated.meanGroup = meanGroup();
                print("REST, " + restClients + " clients back to back", restSaturated, bulk);
                payloads = framed(documents);
                cpu = startPhase();
                Latencies restOffered = rest(payloads, restClients, rate);
                restOffered.cpuMillis = cpuMillisPerDocument(cpu);
                restOffered.meanGroup = meanGroup();
                print("REST, " + rate + "/s offered", restOffered, bulk);
                bulkDocuments = plainDocuments(documents);
                cpu = cpuNanos();
                double bulkAfter = bulk(archiving, bulkDocuments);
                System.out.printf("bulk archiveAll again: %.0f documents/s, %.2f CPU ms/document%n", bulkAfter,
                        cpuMillisPerDocument(cpu));
            }
        }
    }

    private Map<String, Object> properties(int consumers) {
        Map<String, Object> properties = new HashMap<>(ArchiveStoreTestEnvironment.local().properties());
        properties.putAll(ApiIntegrationTest.signatureProperties());
        properties.put("server.port", "0");
        properties.put("arkisto.data-dir", "target/bench-data-dir");
        properties.put("arkisto.local-tools.enabled", "false");
        properties.put("arkisto.api.max-document-size", "256KB");
        properties.put("arkisto.security.api-clients[0].name", CLIENT);
        properties.put("arkisto.security.api-clients[0].password", PASSWORD);
        properties.put("arkisto.security.api-clients[0].organisations[0]", CONTROLLER);
        properties.put("arkisto.camunda.admin.username", "benchadmin");
        properties.put("arkisto.camunda.admin.password", "bench-only-password-2");
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.put("spring.rabbitmq.host", "127.0.0.1");
        properties.put("arkisto.ingest.queue.enabled", "true");
        properties.put("arkisto.ingest.queue.exchange", prefix);
        properties.put("arkisto.ingest.queue.request-queue", prefix + ".requests");
        properties.put("arkisto.ingest.queue.dead-letter-queue", prefix + ".dead-letter");
        properties.put("arkisto.ingest.queue.consumers", String.valueOf(consumers));
        properties.put("arkisto.ingest.queue.prefetch", "2");
        properties.put("logging.level.root", "WARN");
        properties.putAll(System.getProperties().entrySet().stream()
                .filter(e -> e.getKey().toString().startsWith("arkisto."))
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString())));
        properties.put("logging.level.fi.arkisto", "WARN");
        return properties;
    }

    /** CPU time of this process (the archive, the broker client, the HTTP client; not the broker or PostgreSQL). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long startPhase() {
        DistributionSummary summary = groups.find("arkisto.ingest.group.size").summary();
        groupsBefore = summary == null ? 0 : summary.count();
        membersBefore = summary == null ? 0 : summary.totalAmount();
        return cpuNanos();
    }

    /** The mean size of the groups the phase's submissions were archived in. */
    private double meanGroup() {
        DistributionSummary summary = groups.find("arkisto.ingest.group.size").summary();
        double count = summary == null ? 0 : summary.count() - groupsBefore;
        return count == 0 ? 0 : (summary.totalAmount() - membersBefore) / count;
    }

    private double cpuMillisPerDocument(long cpuBefore) {
        return (cpuNanos() - cpuBefore) / 1e6 / documents;
    }

    private static void print(String what, Latencies latencies, double bulk) {
        if (latencies.firstRefusal.get() != null) {
            System.out.println("first refusal: " + latencies.firstRefusal.get());
        }
        System.out.printf("%s: sustained %.0f documents/s (%.2f of bulk), latency p50 %d ms, p99 %d ms, max %d ms, "
                        + "%.2f CPU ms/document, groups of %.1f on average, %d archived of %d%n", what, latencies.rate(),
                latencies.rate() / bulk, latencies.percentile(0.50), latencies.percentile(0.99), latencies.percentile(1.0),
                latencies.cpuMillis, latencies.meanGroup, latencies.archived(), latencies.count());
    }

    private static int callers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The bulk path as the migration drives it: chunks of 200, one caller per core. */
    private double bulk(ArchivingService archiving, List<byte[]> cdas) throws Exception {
        return bulk(archiving, cdas, 200, callers());
    }

    private double bulk(ArchivingService archiving, List<byte[]> cdas, int chunkSize, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> chunks = new ArrayList<>();
            long start = System.nanoTime();
            for (int from = 0; from < cdas.size(); from += chunkSize) {
                List<byte[]> chunk = cdas.subList(from, Math.min(cdas.size(), from + chunkSize));
                chunks.add(pool.submit(() -> (int) archiving.archiveAll(chunk, BULK).stream()
                        .filter(BulkResult::succeeded).count()));
            }
            int archived = 0;
            for (Future<Integer> chunk : chunks) {
                archived += chunk.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (archived != cdas.size()) {
                throw new IllegalStateException("bulk archived " + archived + " of " + cdas.size());
            }
            return cdas.size() / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private double rawQueue(Connection connection, List<MultipartRelatedWriter.Encoded> payloads, int consumers)
            throws Exception {
        String queue = prefix + ".raw";
        Channel admin = connection.createChannel();
        admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        CountDownLatch done = new CountDownLatch(payloads.size());
        List<Channel> channels = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < consumers; c++) {
            Channel channel = connection.createChannel();
            channels.add(channel);
            channel.basicQos(2);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                    done.countDown();
                }
            });
        }
        Channel publisher = connection.createChannel();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        for (MultipartRelatedWriter.Encoded payload : payloads) {
            publisher.basicPublish("", queue, props, payload.body());
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("raw consumers did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Channel channel : channels) {
            channel.close();
        }
        publisher.close();
        admin.queueDelete(queue);
        admin.close();
        return payloads.size() / seconds;
    }

    /** Publishes at {@code rate} per second (0: all at once) with reply-to; latency is publish to acknowledgement. */
    private Latencies queue(Connection connection, List<MultipartRelatedWriter.Encoded> payloads, int rate)
            throws Exception {
        Channel channel = connection.createChannel();
        String replies = channel.queueDeclare().getQueue();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies(payloads.size());
        Channel replyChannel = connection.createChannel();
        replyChannel.basicConsume(replies, true, new DefaultConsumer(replyChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                Long at = sent.remove(props.getCorrelationId());
                if (at != null) {
                    String answer = new String(body, StandardCharsets.UTF_8);
                    latencies.record(at, answer.contains("typeCode=\"AA\""), answer);
                }
            }
        });
        long start = System.nanoTime();
        latencies.start(start);
        for (int i = 0; i < payloads.size(); i++) {
            pace(start, i, rate);
            String correlationId = UUID.randomUUID().toString();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .contentType(payloads.get(i).contentType()).correlationId(correlationId).replyTo(replies)
                    .messageId(correlationId).build();
            sent.put(correlationId, System.nanoTime());
            channel.basicPublish(prefix, prefix + ".requests", props, payloads.get(i).body());
        }
        latencies.await();
        replyChannel.close();
        channel.close();
        return latencies;
    }

    /**
     * POSTs the messages at {@code rate} per second (0: each of {@code clients} threads sends its next message when
     * its previous one was answered); latency is from the moment a message was due to its response.
     */
    private Latencies rest(List<MultipartRelatedWriter.Encoded> payloads, int clients, int rate) throws Exception {
        Latencies latencies = new Latencies(payloads.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        latencies.start(start);
        if (rate == 0) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicInteger next = new AtomicInteger();
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < payloads.size(); i = next.getAndIncrement()) {
                        long at = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request(payloads.get(i)),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            latencies.record(at, response.statusCode() == 200, response.statusCode() + " "
                                    + new String(response.body(), StandardCharsets.UTF_8));
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                            latencies.record(at, false, e.toString());
                        }
                    }
                });
            }
            pool.shutdown();
        } else {
            for (int i = 0; i < payloads.size(); i++) {
                long due = pace(start, i, rate);
                http.sendAsync(request(payloads.get(i)), HttpResponse.BodyHandlers.ofByteArray())
                        .whenComplete((response, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                            latencies.record(due, error == null && response.statusCode() == 200, error != null
                                    ? error.toString()
                                    : response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
                        });
            }
        }
        latencies.await();
        if (failure.get() != null) {
            System.out.println("first REST failure: " + failure.get());
        }
        return latencies;
    }

    private HttpRequest request(MultipartRelatedWriter.Encoded payload) {
        return HttpRequest.newBuilder(messages).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (CLIENT + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", payload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body())).build();
    }

    /** Sleeps until the i-th of {@code rate} per second is due; answers when it was due. */
    private static long pace(long start, int i, int rate) throws InterruptedException {
        if (rate == 0) {
            return System.nanoTime();
        }
        long due = start + i * (1_000_000_000L / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return due;
    }

    private static List<byte[]> plainDocuments(int count) {
        List<byte[]> cdas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cdas.add(ApiIntegrationTest.signedFor(CONTROLLER,
                    KantaSamples.document().client(KantaSamples.newTestIdentityCode())));
        }
        return cdas;
    }

    private static List<MultipartRelatedWriter.Encoded> framed(int count) {
        List<MultipartRelatedWriter.Encoded> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String oid = KantaSamples.newOid();
            String client = KantaSamples.newTestIdentityCode();
            byte[] document = ApiIntegrationTest.signedFor(CONTROLLER, KantaSamples.document().oid(oid).client(client));
            payloads.add(MultipartRelatedWriter.write(frameFor(oid, client), document, ATTACHMENT_ID));
        }
        return payloads;
    }

    private static byte[] frameFor(String oid, String client) {
        try (InputStream in = IntakeBenchmark.class.getResourceAsStream("/kanta/asiakkuusasiakirja_K.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(KantaSamples.SAMPLE_OID, oid)
                    .replace("extension=\"" + KantaSamples.SAMPLE_CLIENT + "\"", "extension=\"" + client + "\"")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Latencies of one phase, and its rate from the first send to the last answer. */
    private static final class Latencies {
        private final long[] millis;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger archived = new AtomicInteger();
        private final AtomicLong last = new AtomicLong();
        private final AtomicReference<String> firstRefusal = new AtomicReference<>();
        private double cpuMillis;
        private double meanGroup;
        private final CountDownLatch done;
        private long start;

        Latencies(int expected) {
            millis = new long[expected];
            done = new CountDownLatch(expected);
        }

        void start(long at) {
            start = at;
        }

        void record(long sentAt, boolean ok, String answer) {
            long now = System.nanoTime();
            millis[count.getAndIncrement()] = (now - sentAt) / 1_000_000;
            if (ok) {
                archived.incrementAndGet();
            } else {
                firstRefusal.compareAndSet(null, answer);
            }
            last.accumulateAndGet(now, Math::max);
            done.countDown();
        }

        void await() throws InterruptedException {
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not every answer arrived: " + count.get() + " of " + millis.length);
            }
        }

        int count() {
            return count.get();
        }

        int archived() {
            return archived.get();
        }

        double rate() {
            return millis.length / ((last.get() - start) / 1e9);
        }

        long percentile(double p) {
            long[] sorted = java.util.Arrays.copyOf(millis, count.get());
            java.util.Arrays.sort(sorted);
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
        }
    }
}

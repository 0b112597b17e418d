package fi.arkisto.routes.queue.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import fi.arkisto.routes.RoutesTestApplication;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import fi.arkisto.routes.testsupport.Messages;
import fi.arkisto.store.message.MultipartRelatedWriter;
import fi.arkisto.store.testsupport.KantaSamples;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: the queue channel's sustained throughput and latency at an offered rate (default 200 documents/s),
 * against the raw RabbitMQ publish/consume rate of the same payloads on the same broker in the same run.
 * See bench/queue/README.md for the command and the numbers.
 *
 * <p>Arguments: documents (2000), offered rate per second (200), consumers (4).
 */
public final class QueueBenchmark {

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int consumers = args.length > 2 ? Integer.parseInt(args[2]) : 4;

        IngestTestEnvironment environment = IngestTestEnvironment.local();
        List<byte[]> bodies = new ArrayList<>(documents);
        List<String> contentTypes = new ArrayList<>(documents);
        for (int i = 0; i < documents; i++) {
            String oid = KantaSamples.newOid();
            String client = KantaSamples.newTestIdentityCode();
            MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(Messages.frameFor(oid, client),
                    KantaSamples.document().oid(oid).client(client).build(), Messages.SAMPLE_ATTACHMENT_ID);
            bodies.add(mime.body());
            contentTypes.add(mime.contentType());
        }
        System.out.printf("payloads: %d framed multipart/related messages, %d bytes each%n", documents, bodies.get(0).length);

        double raw = rawRate(environment, bodies, consumers);
        System.out.printf("raw RabbitMQ (quorum queue, persistent, %d consumers, manual ack): %.0f msg/s%n", consumers, raw);

        Map<String, Object> properties = new HashMap<>(environment.properties());
        properties.put("arkisto.ingest.queue.consumers", String.valueOf(consumers));
        properties.put("arkisto.ingest.queue.prefetch", "4");
        properties.remove("arkisto.ingest.file.inbox");
        properties.put("spring.main.web-application-type", "none");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.fi.arkisto", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RoutesTestApplication.class)
                .properties(properties).run()) {
            warmUp(environment);
            Result result = offered(environment, bodies, contentTypes, rate);
            System.out.printf("archive through the queue at %d/s offered: sustained %.0f documents/s (%.2f of raw), "
                            + "p50 %d ms, p99 %d ms, max %d ms, %d AA of %d%n",
                    rate, result.throughput, result.throughput / raw, result.p50, result.p99, result.max,
                    result.accepted, documents);
        }
        System.exit(0);
    }

    record Result(double throughput, long p50, long p99, long max, int accepted) {
    }

    /** Publish every payload persistently to a scratch quorum queue and consume it with manual acks. */
    private static double rawRate(IngestTestEnvironment environment, List<byte[]> bodies, int consumers) throws Exception {
        String queue = "arkisto.bench." + UUID.randomUUID();
        try (Connection connection = environment.newConnection()) {
            Channel admin = connection.createChannel();
            admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
            CountDownLatch done = new CountDownLatch(bodies.size());
            long start = System.nanoTime();
            for (int c = 0; c < consumers; c++) {
                Channel channel = connection.createChannel();
                channel.basicQos(4);
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
            publisher.confirmSelect();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
            for (byte[] body : bodies) {
                publisher.basicPublish("", queue, props, body);
            }
            publisher.waitForConfirmsOrDie(60_000);
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("raw consumers did not finish");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            admin.queueDelete(queue);
            return bodies.size() / seconds;
        }
    }

    private static void warmUp(IngestTestEnvironment environment) throws Exception {
        List<byte[]> warm = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String oid = KantaSamples.newOid();
            MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(Messages.frameFor(oid, KantaSamples.SAMPLE_CLIENT),
                    KantaSamples.document().oid(oid).build(), Messages.SAMPLE_ATTACHMENT_ID);
            warm.add(mime.body());
            types.add(mime.contentType());
        }
        offered(environment, warm, types, 50);
    }

    /** Offer the payloads at a fixed rate with reply-to; latency is from publish to acknowledgement. */
    private static Result offered(IngestTestEnvironment environment, List<byte[]> bodies, List<String> contentTypes, int rate)
            throws Exception {
        try (Connection connection = environment.newConnection()) {
            Channel channel = connection.createChannel();
            String replies = channel.queueDeclare().getQueue();
            Map<String, Long> sent = new ConcurrentHashMap<>();
            long[] latencies = new long[bodies.size()];
            AtomicInteger received = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(bodies.size());
            long[] last = new long[1];
            String[] firstRefusal = new String[1];
            Channel replyChannel = connection.createChannel();
            replyChannel.basicConsume(replies, true, new DefaultConsumer(replyChannel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    long now = System.nanoTime();
                    Long at = sent.remove(props.getCorrelationId());
                    if (at != null) {
                        int i = received.getAndIncrement();
                        latencies[i] = (now - at) / 1_000_000;
                        String ack = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                        if (ack.contains("typeCode=\"AA\"")) {
                            accepted.incrementAndGet();
                        } else if (firstRefusal[0] == null) {
                            firstRefusal[0] = ack;
                        }
                        last[0] = now;
                        done.countDown();
                    }
                }
            });
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < bodies.size(); i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String correlationId = UUID.randomUUID().toString();
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .contentType(contentTypes.get(i)).correlationId(correlationId).replyTo(replies)
                        .messageId(correlationId).build();
                sent.put(correlationId, System.nanoTime());
                channel.basicPublish(environment.exchange(), environment.requestQueue(), props, bodies.get(i));
            }
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not every acknowledgement arrived");
            }
            if (firstRefusal[0] != null) {
                System.out.println("first refusal: " + firstRefusal[0]);
            }
            double seconds = (last[0] - start) / 1e9;
            long[] sorted = Arrays.copyOf(latencies, received.get());
            Arrays.sort(sorted);
            return new Result(bodies.size() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted[sorted.length - 1], accepted.get());
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}

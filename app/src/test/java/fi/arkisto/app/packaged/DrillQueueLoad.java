package fi.arkisto.app.packaged;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import fi.arkisto.app.packaged.DrillLoad.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * The queue side of a drill's load: a client system publishing plain signed documents persistently, under publisher
 * confirms, to the archive's request exchange at a steady pace, and collecting the acknowledgements the archive sends
 * to its reply queue (correlation id: the document's OID). The broker is the machine's; the exchange and queues are
 * the drill's own.
 */
final class DrillQueueLoad implements AutoCloseable {

    /** One acknowledgement: when it came, its outcome ({@code ARCHIVED}, {@code DUPLICATE}, {@code REJECTED}) and code. */
    record Reply(Instant at, String outcome, String code) {
    }

    private static final Duration PACE = Duration.ofMillis(400);

    private final Drill drill;
    private final List<Document> documents;
    private final Connection connection;
    private final Channel publishing;
    private final Channel replies;
    private final String replyQueue;
    private final Map<String, List<Reply>> received = new ConcurrentHashMap<>();
    private final Map<String, Instant> published = new ConcurrentHashMap<>();
    private Thread publisher;

    DrillQueueLoad(Drill drill, int count) throws Exception {
        this.drill = drill;
        this.documents = DrillLoad.documents(count);
        this.connection = drill.newBrokerConnection();
        this.publishing = connection.createChannel();
        publishing.confirmSelect();
        this.replies = connection.createChannel();
        this.replyQueue = replies.queueDeclare().getQueue();
        replies.basicConsume(replyQueue, true, (tag, delivery) -> {
            Map<String, Object> headers = delivery.getProperties().getHeaders();
            received.computeIfAbsent(delivery.getProperties().getCorrelationId(), oid -> new CopyOnWriteArrayList<>())
                    .add(new Reply(Instant.now(), header(headers, "x-arkisto-outcome"), header(headers, "x-arkisto-error-code")));
        }, tag -> { });
    }

    void start() {
        publisher = new Thread(this::publishAll, "drill-" + drill.name() + "-publisher");
        publisher.setDaemon(true);
        publisher.start();
    }

    private void publishAll() {
        try {
            for (Document document : documents) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .contentType("application/xml").deliveryMode(2)
                        .messageId(UUID.randomUUID().toString()).correlationId(document.oid()).replyTo(replyQueue)
                        .headers(Map.of("X-Organisation-Oid", Drill.ORGANISATION, "X-User-Id", "drill-queue-client",
                                "X-Purpose-Of-Use", "1"))
                        .build();
                publishing.basicPublish(drill.exchange(), drill.requestQueue(), properties, document.bytes());
                publishing.waitForConfirmsOrDie(10_000);
                published.put(document.oid(), Instant.now());
                DrillLoad.sleep(PACE);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Publishing to the drill's queue failed", e);
        }
    }

    /** Waits until the last document was published and every document has a final acknowledgement. */
    void awaitEveryReply(Duration timeout) throws InterruptedException {
        publisher.join(timeout.toMillis());
        await("an acknowledgement of every queued document").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> documents.stream().allMatch(d -> received.containsKey(d.oid())));
    }

    List<Document> documents() {
        return documents;
    }

    Map<String, List<Reply>> replies() {
        return Map.copyOf(received);
    }

    /** When the broker confirmed each document's message. */
    Map<String, Instant> published() {
        return Map.copyOf(published);
    }

    private static String header(Map<String, Object> headers, String name) {
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString();
    }

    @Override
    public void close() throws Exception {
        replies.close();
        publishing.close();
        connection.close();
    }
}

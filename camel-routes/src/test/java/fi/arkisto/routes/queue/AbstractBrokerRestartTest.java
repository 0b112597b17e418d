package fi.arkisto.routes.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import fi.arkisto.routes.testsupport.AmqpClient;
import fi.arkisto.routes.testsupport.ArchiveQueries;
import fi.arkisto.routes.testsupport.FaultInjectingCheck;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import fi.arkisto.routes.testsupport.Messages;
import fi.arkisto.store.message.MultipartRelatedWriter;
import fi.arkisto.store.testsupport.KantaSamples;
import org.apache.camel.CamelContext;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "A broker restart loses nothing" (issue 4, docs/messages.md "Durability"): the real broker is restarted
 * ({@code rabbitmqctl stop_app} / {@code start_app}) with requests waiting and with requests in flight, and every
 * document still ends archived exactly once, answered on the reply queue, with nothing dead-lettered. Run by
 * {@link LocalBrokerRestartTest} on this machine's broker and by {@link ContainersBrokerRestartTest} where Docker
 * exists; both share the application context of the queue tests.
 */
abstract class AbstractBrokerRestartTest {

    static final int DOCUMENTS = 20;
    static final Duration WAIT = Duration.ofSeconds(40);

    @Autowired
    DataSource dataSource;
    @Autowired
    FaultInjectingCheck faults;
    @Autowired
    CamelContext camel;

    ArchiveQueries archive;
    String replyQueue;

    abstract IngestTestEnvironment environment();

    @BeforeEach
    void replyQueue() {
        archive = new ArchiveQueries(dataSource);
        // durable and named: acknowledgements sent before the restart must still be there after it
        replyQueue = environment().requestQueue() + ".replies." + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void deleteReplyQueue() throws Exception {
        try (AmqpClient client = new AmqpClient(environment(), replyQueue)) {
            client.deleteQueue(replyQueue);
        }
    }

    @Test
    void requestsWaitingWhileTheBrokerRestartsAreAllArchivedOnceAndAnswered() throws Exception {
        // given the archive's consumers stopped, and twenty framed documents published persistently and confirmed
        camel.getRouteController().stopRoute(QueueIngestRoute.ROUTE_ID);
        Map<String, String> oidsByCorrelation;
        try {
            try (AmqpClient client = new AmqpClient(environment(), replyQueue)) {
                oidsByCorrelation = publishConfirmed(client, DOCUMENTS);
            }
            assertThat(requestQueue().ready()).isEqualTo(DOCUMENTS);

            // when the broker restarts
            restartBroker(null);

            // then the requests are still there, before any consumer took one
            await("the restarted broker has the request queue with all the requests").atMost(WAIT).until(
                    () -> requestQueue().ready() == DOCUMENTS);
        } finally {
            camel.getRouteController().startRoute(QueueIngestRoute.ROUTE_ID);
        }

        // and once the consumers are back every document is archived exactly once and answered positively
        Map<String, List<GetResponse>> replies = awaitReplies(oidsByCorrelation.keySet());
        replies.forEach((correlationId, answers) -> {
            assertThat(answers).as("replies to %s", correlationId).hasSize(1);
            assertThat(outcome(answers.get(0))).isEqualTo("ARCHIVED");
            assertThat(body(answers.get(0))).contains("<acknowledgement typeCode=\"AA\">");
        });
        assertArchivedOnceAndNothingDeadLettered(oidsByCorrelation);
    }

    @Test
    void requestsInFlightWhenTheBrokerRestartsAreNeitherLostNorArchivedTwice() throws Exception {
        // given twenty framed documents with the consumers running, one of the first three caught mid-archiving
        Map<String, FaultInjectingCheck.Block> blocks = new LinkedHashMap<>();
        Map<String, String> oidsByCorrelation = new LinkedHashMap<>();
        try (AmqpClient client = new AmqpClient(environment(), replyQueue)) {
            client.confirmPublishes();
            for (int i = 0; i < DOCUMENTS; i++) {
                String oid = KantaSamples.newOid();
                String correlationId = publish(client, oid);
                oidsByCorrelation.put(correlationId, oid);
                if (i < 3) {
                    blocks.put(correlationId, faults.blockOnce(oid));
                }
            }
            client.awaitConfirms(WAIT);
        }
        // (which consumer holds which request is the broker's choice: wait until one consumer is caught)
        await("a consumer is caught mid-archiving").atMost(WAIT).until(
                () -> blocks.values().stream().anyMatch(FaultInjectingCheck.Block::hasEntered));
        String caught = blocks.entrySet().stream().filter(e -> e.getValue().hasEntered()).findFirst().orElseThrow().getKey();

        assertThat(camel.getComponent("spring-rabbitmq", SpringRabbitMQComponent.class).getListenerContainerFactory())
                .as("the listener recovers at arkisto.ingest.queue.recovery-interval")
                .isInstanceOf(RecoveringListenerContainerFactory.class);

        // when the broker restarts under them, and the caught consumers finish while it is down
        restartBroker(() -> blocks.values().forEach(FaultInjectingCheck.Block::release));

        // then the listener reconnects by itself
        await("the archive's consumers are back on the request queue").atMost(WAIT).until(
                () -> requestQueue().consumers() > 0);
        // and every request is answered positively; an acknowledgement whose delivery was cut may come twice
        // (ARCHIVED before the restart, DUPLICATE on redelivery), the document never
        Map<String, List<GetResponse>> replies = awaitReplies(oidsByCorrelation.keySet());
        replies.forEach((correlationId, answers) -> {
            assertThat(answers).as("replies to %s", correlationId).isNotEmpty();
            for (GetResponse answer : answers) {
                assertThat(outcome(answer)).isIn("ARCHIVED", "DUPLICATE");
                assertThat(body(answer)).contains("<acknowledgement typeCode=\"AA\">");
            }
        });
        // the caught one was archived while the broker was down and its delivery cut: redelivered, it is a duplicate
        assertThat(replies.get(caught)).extracting(AbstractBrokerRestartTest::outcome).contains("DUPLICATE");
        assertArchivedOnceAndNothingDeadLettered(oidsByCorrelation);
    }

    private Map<String, String> publishConfirmed(AmqpClient client, int count) throws Exception {
        client.confirmPublishes();
        Map<String, String> oidsByCorrelation = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String oid = KantaSamples.newOid();
            oidsByCorrelation.put(publish(client, oid), oid);
        }
        // confirmed: from here on the broker answers for them
        client.awaitConfirms(WAIT);
        return oidsByCorrelation;
    }

    private static String publish(AmqpClient client, String oid) throws Exception {
        String person = KantaSamples.newTestIdentityCode();
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(Messages.frameFor(oid, person),
                KantaSamples.document().oid(oid).client(person).build(), Messages.SAMPLE_ATTACHMENT_ID);
        return client.publish(mime.body(), mime.contentType(), Map.of());
    }

    /** Restarts the broker; {@code whileDown} runs between stop and start. The broker is always started again. */
    private void restartBroker(Runnable whileDown) {
        try {
            environment().stopBroker();
            if (whileDown != null) {
                whileDown.run();
            }
        } finally {
            environment().startBroker(WAIT);
        }
    }

    private Map<String, List<GetResponse>> awaitReplies(java.util.Set<String> correlationIds) throws Exception {
        Map<String, List<GetResponse>> replies = new LinkedHashMap<>();
        try (AmqpClient client = new AmqpClient(environment(), replyQueue)) {
            await("a reply for each of " + correlationIds.size() + " requests").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(20)).until(() -> {
                        for (GetResponse reply = client.poll(replyQueue); reply != null; reply = client.poll(replyQueue)) {
                            replies.computeIfAbsent(reply.getProps().getCorrelationId(), k -> new ArrayList<>()).add(reply);
                        }
                        return replies.keySet().containsAll(correlationIds);
                    });
            // late duplicates of the acknowledgements (a redelivery after a cut ack) are drained too
            await("the request queue is drained").atMost(WAIT).until(() -> requestQueue().ready() == 0);
            for (GetResponse reply = client.poll(replyQueue); reply != null; reply = client.poll(replyQueue)) {
                replies.computeIfAbsent(reply.getProps().getCorrelationId(), k -> new ArrayList<>()).add(reply);
            }
        }
        assertThat(replies.keySet()).as("every reply answers one of the requests").isEqualTo(correlationIds);
        return replies;
    }

    private void assertArchivedOnceAndNothingDeadLettered(Map<String, String> oidsByCorrelation) {
        oidsByCorrelation.values().forEach(oid ->
                assertThat(archive.versions(oid)).as("versions of %s", oid).isEqualTo(1));
        assertThat(deadLetters().ready()).as("dead letters").isZero();
    }

    private QueueState requestQueue() {
        return QueueState.of(environment(), environment().requestQueue());
    }

    private QueueState deadLetters() {
        return QueueState.of(environment(), environment().deadLetterQueue());
    }

    /** A passive declare on a fresh connection (a failed one closes its channel): -1 while the queue is not back. */
    private record QueueState(int ready, int consumers) {
        static QueueState of(IngestTestEnvironment environment, String queue) {
            try (Connection connection = environment.newConnection(); Channel channel = connection.createChannel()) {
                AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
                return new QueueState(ok.getMessageCount(), ok.getConsumerCount());
            } catch (Exception e) {
                return new QueueState(-1, -1);
            }
        }
    }

    private static String outcome(GetResponse reply) {
        return String.valueOf(reply.getProps().getHeaders().get("x-arkisto-outcome"));
    }

    private static String body(GetResponse reply) {
        return new String(reply.getBody(), StandardCharsets.UTF_8);
    }
}

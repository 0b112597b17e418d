package fi.arkisto.routes.queue;

import com.rabbitmq.client.GetResponse;
import fi.arkisto.routes.testsupport.AmqpClient;
import fi.arkisto.routes.testsupport.ArchiveQueries;
import fi.arkisto.routes.testsupport.FaultInjectingCheck;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import fi.arkisto.routes.testsupport.Messages;
import fi.arkisto.routes.testsupport.RealSampleThroughTheQueue;
import fi.arkisto.store.message.MultipartRelatedWriter;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue channel against a real broker, PostgreSQL and S3; run by {@link LocalQueueIngestTest} on this machine's
 * services and by {@link ContainersQueueIngestTest} where Docker exists.
 */
abstract class AbstractQueueIngestTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    DataSource dataSource;
    @Autowired
    FaultInjectingCheck faults;
    @Autowired
    CachingConnectionFactory connectionFactory;
    @Autowired
    fi.arkisto.store.controllerchange.ControllerChangeService controllerChanges;
    @Autowired
    fi.arkisto.store.controllerchange.ArchivingPauses archivingPauses;

    ArchiveQueries archive;
    AmqpClient client;

    abstract IngestTestEnvironment environment();

    @BeforeEach
    void connect() throws Exception {
        archive = new ArchiveQueries(dataSource);
        client = new AmqpClient(environment());
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    @Test
    void answersTheRealSampleFrameWithItsArchivedDocumentWithAPositiveAckAsADuplicate() throws Exception {
        // given the real frame K with the real document S as its multipart/related attachment, archived once already
        // through the queue (exactly ARCHIVED with an AA acknowledgement: RealSampleThroughTheQueue)
        RealSampleThroughTheQueue.archivedOnce(environment(), WAIT);
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(Messages.sampleFrame(),
                Messages.sampleDocument(), Messages.SAMPLE_ATTACHMENT_ID);

        // when
        String correlationId = client.publish(mime.body(), mime.contentType(), Map.of());

        // then the reply is an AA acknowledgement of the frame's message id, with the request's correlation id
        GetResponse reply = client.awaitReply(WAIT);
        String ack = new String(reply.getBody(), StandardCharsets.UTF_8);
        assertThat(reply.getProps().getCorrelationId()).isEqualTo(correlationId);
        assertThat(ack).contains("<acknowledgement typeCode=\"AA\">").contains("extension=\"10037140046\"");
        assertThat(String.valueOf(reply.getProps().getHeaders().get("x-arkisto-outcome"))).isEqualTo("DUPLICATE");
        assertThat(archive.versions(KantaSamples.SAMPLE_OID)).isEqualTo(1);
    }

    @Test
    void theSameSubmissionAgainIsADuplicateNotASecondDocument() throws Exception {
        // given a framed document archived once
        String oid = KantaSamples.newOid();
        String client2 = KantaSamples.newTestIdentityCode();
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(Messages.frameFor(oid, client2),
                KantaSamples.document().oid(oid).client(client2).build(), Messages.SAMPLE_ATTACHMENT_ID);
        client.publish(mime.body(), mime.contentType(), Map.of());
        assertThat(outcome(client.awaitReply(WAIT))).isEqualTo("ARCHIVED");

        // when it is submitted again
        client.publish(mime.body(), mime.contentType(), Map.of());

        // then
        GetResponse second = client.awaitReply(WAIT);
        assertThat(outcome(second)).isEqualTo("DUPLICATE");
        assertThat(new String(second.getBody(), StandardCharsets.UTF_8)).contains("typeCode=\"AA\"").contains("DUPLICATE");
        assertThat(archive.versions(oid)).isEqualTo(1);
    }

    @Test
    void competingConsumersArchiveTheSameSubmissionOnceWhenItArrivesManyTimesAtOnce() throws Exception {
        // given one framed document published five times back to back (three consumers compete)
        String oid = KantaSamples.newOid();
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(Messages.frameFor(oid, KantaSamples.SAMPLE_CLIENT),
                KantaSamples.document().oid(oid).build(), Messages.SAMPLE_ATTACHMENT_ID);
        for (int i = 0; i < 5; i++) {
            client.publish(mime.body(), mime.contentType(), Map.of());
        }

        // when every acknowledgement is in
        java.util.List<String> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(outcome(client.awaitReply(WAIT)));
        }

        // then one archived it, the others were told it was a duplicate
        assertThat(outcomes).containsOnlyOnce("ARCHIVED").containsOnly("ARCHIVED", "DUPLICATE");
        assertThat(archive.versions(oid)).isEqualTo(1);
    }

    @Test
    void refusesAMismatchedFrameWithAnErrorAckAndRecordsTheRejection() throws Exception {
        // given a frame naming another version than its document
        String oid = KantaSamples.newOid();
        byte[] frame = Messages.withText(Messages.frameFor(oid, KantaSamples.SAMPLE_CLIENT),
                "<versionNumber value=\"1\" />", "<versionNumber value=\"2\" />");
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(frame, KantaSamples.document().oid(oid).build(),
                Messages.SAMPLE_ATTACHMENT_ID);

        // when
        client.publish(mime.body(), mime.contentType(), Map.of());

        // then
        GetResponse reply = client.awaitReply(WAIT);
        String ack = new String(reply.getBody(), StandardCharsets.UTF_8);
        assertThat(ack).contains("typeCode=\"AE\"").contains("code=\"FRAME_DOCUMENT_MISMATCH\"").contains("versionNumber");
        assertThat(reply.getProps().getHeaders().get("x-arkisto-error-code").toString()).isEqualTo("FRAME_DOCUMENT_MISMATCH");
        assertThat(archive.versions(oid)).isZero();
        assertThat(archive.rejections("amqp:" + environment().requestQueue())).isPositive();
    }

    @Test
    void archivesAPlainDocumentForTheContextInItsHeaders() throws Exception {
        String oid = KantaSamples.newOid();

        client.publish(KantaSamples.document().oid(oid).build(), "application/xml", Map.of(
                "X-Organisation-Oid", KantaSamples.SAMPLE_CONTROLLER, "X-User-Id", "tester", "X-Purpose-Of-Use", "1"));

        assertThat(outcome(client.awaitReply(WAIT))).isEqualTo("ARCHIVED");
        assertThat(archive.versions(oid)).isEqualTo(1);
    }

    @Test
    void waitsOutAStorageOutageShorterThanItsRetryWindowAndArchivesTheMessageOnceWithoutADeadLetter() throws Exception {
        // given a document whose store is unavailable for its first three archivings, then back
        String oid = KantaSamples.newOid();
        faults.storageUnavailableFor(oid, 3);
        byte[] document = KantaSamples.document().oid(oid).build();

        // when it is published
        client.publish(document, "application/xml", Map.of());

        // then the consumer waits the outage out: the sender hears ARCHIVED, the archive holds one version, and there
        // is neither a dead letter nor a reject record of it
        assertThat(outcome(client.awaitReply(WAIT))).isEqualTo("ARCHIVED");
        assertThat(faults.attempts(oid)).isEqualTo(4);
        assertThat(archive.versions(oid)).isEqualTo(1);
        assertThat(client.poll(environment().deadLetterQueue())).isNull();
        assertThat(archive.rejectionsOfPayload(document)).isZero();
    }

    @Test
    void aMessageIntoARegisterPausedByAControllerChangeWaitsAndIsArchivedOnceArchivingResumes() throws Exception {
        // given a register whose controller change run has paused archiving into it
        String controller = "1.2.246.10." + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000,
                99_999_999) + ".10.0";
        var change = controllerChanges.request(new fi.arkisto.store.controllerchange.ControllerChangeRequest(
                fi.arkisto.store.controllerchange.ControllerChangeScope.wholeRegister(controller),
                "1.2.246.10." + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999)
                        + ".10.0", "merger", java.time.LocalDate.now()),
                new fi.arkisto.store.actor.RequestContext(fi.arkisto.store.identity.Oid.of(controller), "lead", "1"));
        controllerChanges.pause(change.id());
        archivingPauses.refresh();
        String oid = KantaSamples.newOid();
        byte[] document = KantaSamples.document().oid(oid).controller(controller).build();

        // when a document of that register is published, and archiving resumes within the retry window
        client.publish(document, "application/xml", Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.awaitReply(Duration.ofMillis(500)))
                .as("no answer while paused").isInstanceOf(org.awaitility.core.ConditionTimeoutException.class);
        assertThat(archive.versions(oid)).isZero();
        controllerChanges.resume(change.id());
        archivingPauses.refresh();

        // then the message waited on the transient path and was archived once: no dead letter, no reject record
        assertThat(outcome(client.awaitReply(WAIT))).isEqualTo("ARCHIVED");
        assertThat(archive.versions(oid)).isEqualTo(1);
        assertThat(client.poll(environment().deadLetterQueue())).isNull();
        assertThat(archive.rejectionsOfPayload(document)).isZero();
    }

    @Test
    void deadLettersAMessageWhoseStoreStaysUnavailableBeyondTheRetryWindowWithItsReason() throws Exception {
        // given a document whose storage keeps failing
        String oid = KantaSamples.newOid();
        faults.storageUnavailableFor(oid);
        byte[] document = KantaSamples.document().oid(oid).build();

        // when
        String correlationId = client.publish(document, "application/xml", Map.of());

        // then it ends in the dead-letter queue with the code and the reason, and the sender hears AR
        GetResponse dead = client.awaitDeadLetter(WAIT);
        assertThat(dead.getBody()).isEqualTo(document);
        assertThat(dead.getProps().getCorrelationId()).isEqualTo(correlationId);
        assertThat(dead.getProps().getHeaders().get("x-arkisto-error-code").toString()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(dead.getProps().getHeaders().get("x-arkisto-reason").toString())
                .contains("Still unavailable after retrying for PT2S").contains("does not answer");
        GetResponse reply = client.awaitReply(WAIT);
        assertThat(new String(reply.getBody(), StandardCharsets.UTF_8)).contains("typeCode=\"AR\"");
        assertThat(client.ready(environment().requestQueue())).isZero();
        assertThat(archive.versions(oid)).isZero();
    }

    /** {@code replay-dead-letters} on this environment's broker and queues, as an operator types it. */
    private int replayDeadLetters(String requestQueue, ByteArrayOutputStream printed) {
        return DeadLetterReplayCommand.run(new String[] {"--uri", environment().amqpUri(),
                "--password-env", "BROKER_PASSWORD", "--exchange", environment().exchange(),
                "--request-queue", requestQueue, "--dead-letter-queue", environment().deadLetterQueue()},
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                Map.of("BROKER_PASSWORD", environment().brokerPassword())::get);
    }

    @Test
    void aDeadLetterReplayedOnceTheStoreIsBackArchivesOnceAndResolvesItsRejectRecord() throws Exception {
        // given a message dead-lettered because its store stayed unavailable beyond the retry window, with its reject
        // record and the sender's AR
        String oid = KantaSamples.newOid();
        faults.storageUnavailableFor(oid);
        byte[] document = KantaSamples.document().oid(oid).build();
        String correlationId = client.publish(document, "application/xml", Map.of());
        assertThat(new String(client.awaitReply(WAIT).getBody(), StandardCharsets.UTF_8)).contains("typeCode=\"AR\"");
        assertThat(archive.resolutionsOfPayload(document)).containsExactly((String) null);

        // when the store is back and an operator replays the dead letters
        faults.storageBackFor(oid);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = replayDeadLetters(environment().requestQueue(), printed);

        // then the message is archived once under its own correlation id, nothing is left dead, and the reject
        // record names the document that resolved it
        assertThat(status).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Replayed 1 dead letter from");
        GetResponse reply = client.awaitReply(WAIT);
        assertThat(outcome(reply)).isEqualTo("ARCHIVED");
        assertThat(reply.getProps().getCorrelationId()).isEqualTo(correlationId);
        assertThat(archive.versions(oid)).isEqualTo(1);
        assertThat(client.ready(environment().deadLetterQueue())).isZero();
        assertThat(archive.resolutionsOfPayload(document)).containsExactly(oid);
    }

    @Test
    void replayingWhenTheRequestQueueIsMissingLeavesTheDeadLettersWhereTheyAre() throws Exception {
        // given a dead letter
        String oid = KantaSamples.newOid();
        faults.storageUnavailableFor(oid);
        byte[] document = KantaSamples.document().oid(oid).build();
        client.publish(document, "application/xml", Map.of());
        client.awaitReply(WAIT);

        // when the replay names a request queue that does not exist
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = replayDeadLetters(environment().requestQueue() + ".missing", printed);

        // then it fails naming the queue, and the dead letter is still there, unchanged
        assertThat(status).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(environment().requestQueue() + ".missing");
        GetResponse dead = client.awaitDeadLetter(WAIT);
        assertThat(dead.getBody()).isEqualTo(document);
        assertThat(archive.versions(oid)).isZero();
    }

    @Test
    void aConsumerKilledMidMessageLosesNothingAndDuplicatesNothing() throws Exception {
        // given a message whose processing is caught mid-way
        String oid = KantaSamples.newOid();
        FaultInjectingCheck.Block block = faults.blockOnce(oid);
        client.publish(KantaSamples.document().oid(oid).build(), "application/xml", Map.of());
        assertThat(block.awaitEntered()).isTrue();

        // when the consumer's connection dies before the verdict, and the stranded worker then finishes
        assertThat(archive.versions(oid)).as("nothing archived before the verdict").isZero();
        connectionFactory.resetConnection();
        block.release();

        // then the broker redelivers the unacknowledged message and it ends archived exactly once
        GetResponse reply = client.awaitReply(WAIT);
        assertThat(outcome(reply)).isIn("ARCHIVED", "DUPLICATE");
        assertThat(archive.versions(oid)).isEqualTo(1);
        await("the request queue is drained").atMost(WAIT).until(
                () -> readyQuietly() == 0);
        assertThat(client.poll(environment().deadLetterQueue())).isNull();
    }

    private long readyQuietly() {
        try {
            return client.ready(environment().requestQueue());
        } catch (Exception e) {
            return -1;
        }
    }

    private static String outcome(GetResponse reply) {
        return String.valueOf(reply.getProps().getHeaders().get("x-arkisto-outcome"));
    }
}

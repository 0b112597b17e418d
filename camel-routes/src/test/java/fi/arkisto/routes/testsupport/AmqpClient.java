package fi.arkisto.routes.testsupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** A client information system on the broker: publishes requests, reads its replies and the dead letters. */
public final class AmqpClient implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String replyQueue;
    private final IngestTestEnvironment environment;

    public AmqpClient(IngestTestEnvironment environment) throws IOException {
        this.environment = environment;
        this.connection = environment.newConnection();
        this.channel = connection.createChannel();
        this.replyQueue = channel.queueDeclare().getQueue();
    }

    /**
     * A client whose replies go to the named durable queue (declared if absent), which outlives this client and a
     * broker restart: a client system that must not lose an acknowledgement reads them from such a queue.
     */
    public AmqpClient(IngestTestEnvironment environment, String durableReplyQueue) throws IOException {
        this.environment = environment;
        this.connection = environment.newConnection();
        this.channel = connection.createChannel();
        this.replyQueue = channel.queueDeclare(durableReplyQueue, true, false, false, null).getQueue();
    }

    /** Turns on publisher confirms: after {@link #awaitConfirms} the broker has taken responsibility for the messages. */
    public void confirmPublishes() throws IOException {
        channel.confirmSelect();
    }

    public void awaitConfirms(Duration timeout) throws Exception {
        channel.waitForConfirmsOrDie(timeout.toMillis());
    }

    public void deleteQueue(String queue) throws IOException {
        channel.queueDelete(queue);
    }

    /** Publishes persistently to the request exchange; returns the correlation id. */
    public String publish(byte[] body, String contentType, Map<String, Object> headers) throws IOException {
        String correlationId = UUID.randomUUID().toString();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType(contentType)
                .deliveryMode(2)
                .messageId(UUID.randomUUID().toString())
                .correlationId(correlationId)
                .replyTo(replyQueue)
                .headers(headers)
                .build();
        channel.basicPublish(environment.exchange(), environment.requestQueue(), props, body);
        return correlationId;
    }

    public GetResponse awaitReply(Duration timeout) throws IOException {
        return awaitMessage(replyQueue, timeout);
    }

    public GetResponse awaitDeadLetter(Duration timeout) throws IOException {
        return awaitMessage(environment.deadLetterQueue(), timeout);
    }

    public GetResponse poll(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    public long ready(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    private GetResponse awaitMessage(String queue, Duration timeout) throws IOException {
        return await("a message on " + queue).atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> channel.basicGet(queue, true), Objects::nonNull);
    }

    @Override
    public void close() throws Exception {
        channel.close();
        connection.close();
    }
}

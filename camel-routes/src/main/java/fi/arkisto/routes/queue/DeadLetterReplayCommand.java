package fi.arkisto.routes.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import fi.arkisto.routes.common.IngestHeaders;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@code replay-dead-letters}: moves the queue channel's dead letters back to its request queue once their cause is
 * fixed (docs/messages.md, "Replaying dead letters"), each message with its body and its message id, correlation id,
 * reply-to and content type, without the dead-lettering's headers, and with {@value #REPLAYS} counting its replays.
 * A dead letter is acknowledged (removed) only after the broker confirmed its copy on the request queue, so a replay cut
 * off at any point loses nothing; at worst a message is in both queues, and archiving it twice ends as a duplicate. One
 * run takes at most the messages that were there when it started, so a message that fails again is not replayed in a
 * loop. Archiving a replayed document marks its reject record resolved. Exit status 0 when done, 1 when the broker or
 * a queue is unavailable, 2 for a wrong command line.
 */
public final class DeadLetterReplayCommand {

    static final String USAGE = "usage: replay-dead-letters [--uri amqp://USER@HOST:PORT/VHOST] [--password-env VAR]"
            + " [--exchange arkisto.ingest] [--request-queue arkisto.ingest.requests]"
            + " [--dead-letter-queue arkisto.ingest.dead-letter] [--limit N]";
    static final String REPLAYS = "x-arkisto-replays";
    private static final Set<String> DEAD_LETTERING_HEADERS = Set.of(IngestHeaders.ERROR_CODE, IngestHeaders.REASON,
            "x-arkisto-dead-lettered-at", "x-arkisto-source", "x-death", "x-first-death-exchange",
            "x-first-death-queue", "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue",
            "x-last-death-reason", "x-delivery-count");
    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    private DeadLetterReplayCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System::getenv);
    }

    static int run(String[] args, PrintStream out, Function<String, String> environment) {
        String uri = "amqp://127.0.0.1:5672";
        String passwordVariable = null;
        String exchange = "arkisto.ingest";
        String requestQueue = "arkisto.ingest.requests";
        String deadLetterQueue = "arkisto.ingest.dead-letter";
        long limit = Long.MAX_VALUE;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--uri" -> uri = required(args[i], value);
                    case "--password-env" -> passwordVariable = required(args[i], value);
                    case "--exchange" -> exchange = required(args[i], value);
                    case "--request-queue" -> requestQueue = required(args[i], value);
                    case "--dead-letter-queue" -> deadLetterQueue = required(args[i], value);
                    case "--limit" -> limit = Long.parseLong(required(args[i], value));
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
                i++;
            }
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            out.println("Not an AMQP URI: " + uri + " (" + e.getMessage() + ")");
            out.println(USAGE);
            return 2;
        }
        if (passwordVariable != null) {
            String password = environment.apply(passwordVariable);
            if (password == null || password.isEmpty()) {
                out.println("The environment variable " + passwordVariable + " named by --password-env is not set");
                return 2;
            }
            factory.setPassword(password);
        }
        try (Connection connection = factory.newConnection("arkisto-replay-dead-letters");
             Channel channel = connection.createChannel()) {
            long waiting = channel.queueDeclarePassive(deadLetterQueue).getMessageCount();
            channel.queueDeclarePassive(requestQueue);
            long replayed = replay(channel, exchange, requestQueue, deadLetterQueue, Math.min(waiting, limit));
            long remaining = channel.queueDeclarePassive(deadLetterQueue).getMessageCount();
            out.println("Replayed " + replayed + (replayed == 1 ? " dead letter" : " dead letters") + " from "
                    + deadLetterQueue + " to " + requestQueue + "; " + remaining + " left in " + deadLetterQueue + ".");
            return 0;
        } catch (IOException | TimeoutException | RuntimeException e) {
            out.println("Cannot replay from " + deadLetterQueue + " at " + factory.getHost() + ":" + factory.getPort()
                    + ": " + describe(e));
            return 1;
        }
    }

    private static long replay(Channel channel, String exchange, String requestQueue, String deadLetterQueue, long count)
            throws IOException, TimeoutException {
        AtomicBoolean returned = new AtomicBoolean();
        channel.addReturnListener(unroutable -> returned.set(true));
        channel.confirmSelect();
        long replayed = 0;
        while (replayed < count) {
            GetResponse dead = channel.basicGet(deadLetterQueue, false);
            if (dead == null) {
                break;
            }
            // mandatory: a request queue the exchange does not route to returns the copy instead of dropping it
            channel.basicPublish(exchange, requestQueue, true, replayed(dead.getProps()), dead.getBody());
            try {
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.basicNack(dead.getEnvelope().getDeliveryTag(), false, true);
                throw new IllegalStateException("interrupted while the broker confirmed a replay", e);
            }
            if (returned.get()) {
                channel.basicNack(dead.getEnvelope().getDeliveryTag(), false, true);
                throw new IllegalStateException("the exchange " + exchange + " does not route " + requestQueue
                        + " to a queue; the dead letter stays where it was");
            }
            channel.basicAck(dead.getEnvelope().getDeliveryTag(), false);
            replayed++;
        }
        return replayed;
    }

    private static AMQP.BasicProperties replayed(AMQP.BasicProperties dead) {
        Map<String, Object> headers = new HashMap<>();
        if (dead.getHeaders() != null) {
            dead.getHeaders().forEach((name, value) -> {
                if (!DEAD_LETTERING_HEADERS.contains(name)) {
                    headers.put(name, value);
                }
            });
        }
        Object replays = headers.get(REPLAYS);
        headers.put(REPLAYS, replays instanceof Number n ? n.intValue() + 1 : 1);
        return dead.builder().headers(headers).deliveryMode(2).build();
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() == null ? message : e.getMessage() + ": " + message;
    }
}

package fi.arkisto.routes.testsupport;

import com.rabbitmq.client.GetResponse;
import fi.arkisto.store.message.MultipartRelatedWriter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real frame K with the real document S archived through the queue once per test environment. The sample's OID
 * is fixed and an environment's database is shared by the tests of its JVM, so every test that needs the sample
 * archived asks here, and the first archiving of it is exact: an AA acknowledgement with outcome ARCHIVED.
 */
public final class RealSampleThroughTheQueue {

    private static final Set<IngestTestEnvironment> ARCHIVED = ConcurrentHashMap.newKeySet();

    private RealSampleThroughTheQueue() {
    }

    /** Archives the sample through the environment's queue unless this JVM already did. */
    public static synchronized void archivedOnce(IngestTestEnvironment environment, Duration wait) throws Exception {
        if (ARCHIVED.contains(environment)) {
            return;
        }
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(Messages.sampleFrame(),
                Messages.sampleDocument(), Messages.SAMPLE_ATTACHMENT_ID);
        try (AmqpClient client = new AmqpClient(environment)) {
            String correlationId = client.publish(mime.body(), mime.contentType(), Map.of());
            GetResponse reply = client.awaitReply(wait);
            assertThat(reply.getProps().getCorrelationId()).isEqualTo(correlationId);
            assertThat(new String(reply.getBody(), StandardCharsets.UTF_8))
                    .contains("<acknowledgement typeCode=\"AA\">").contains("extension=\"10037140046\"");
            assertThat(String.valueOf(reply.getProps().getHeaders().get("x-arkisto-outcome"))).isEqualTo("ARCHIVED");
        }
        ARCHIVED.add(environment);
    }
}

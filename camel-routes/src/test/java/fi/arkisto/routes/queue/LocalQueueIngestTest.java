package fi.arkisto.routes.queue;

import fi.arkisto.routes.RoutesTestApplication;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The queue channel on this machine's RabbitMQ (127.0.0.1:5672) and PostgreSQL, with randomly named queues. */
@SpringBootTest(classes = RoutesTestApplication.class)
@ContextConfiguration(initializers = IngestTestEnvironment.Local.class)
class LocalQueueIngestTest extends AbstractQueueIngestTest {

    @Override
    IngestTestEnvironment environment() {
        return IngestTestEnvironment.local();
    }
}

package fi.arkisto.routes.queue;

import fi.arkisto.routes.RoutesTestApplication;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same queue tests against Testcontainers RabbitMQ, PostgreSQL and MinIO, where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = RoutesTestApplication.class)
@ContextConfiguration(initializers = IngestTestEnvironment.Containers.class)
class ContainersQueueIngestTest extends AbstractQueueIngestTest {

    @Override
    IngestTestEnvironment environment() {
        return IngestTestEnvironment.containers();
    }
}

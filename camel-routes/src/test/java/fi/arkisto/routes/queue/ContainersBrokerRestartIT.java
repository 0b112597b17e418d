package fi.arkisto.routes.queue;

import fi.arkisto.routes.RoutesTestApplication;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The broker-restart tests inside the Testcontainers RabbitMQ ({@code rabbitmqctl} run in the container), where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = RoutesTestApplication.class)
@ContextConfiguration(initializers = IngestTestEnvironment.Containers.class)
class ContainersBrokerRestartIT extends AbstractBrokerRestartTest {

    @Override
    IngestTestEnvironment environment() {
        return IngestTestEnvironment.containers();
    }
}

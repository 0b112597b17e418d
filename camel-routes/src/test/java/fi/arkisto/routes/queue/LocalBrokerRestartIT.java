package fi.arkisto.routes.queue;

import fi.arkisto.routes.RoutesTestApplication;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Restarts this machine's RabbitMQ service (127.0.0.1:5672) under the queue channel; restores it running after. */
@SpringBootTest(classes = RoutesTestApplication.class)
@ContextConfiguration(initializers = IngestTestEnvironment.Local.class)
class LocalBrokerRestartIT extends AbstractBrokerRestartTest {

    @Override
    IngestTestEnvironment environment() {
        return IngestTestEnvironment.local();
    }
}

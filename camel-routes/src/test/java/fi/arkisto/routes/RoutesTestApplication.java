package fi.arkisto.routes;

import fi.arkisto.store.ArchiveStoreConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The archive store with the ingestion routes, as the app assembles them. */
@SpringBootApplication(scanBasePackages = {"fi.arkisto.routes", "fi.arkisto.store.message", "fi.arkisto.store.rejection"})
@Import(ArchiveStoreConfiguration.class)
public class RoutesTestApplication {
}

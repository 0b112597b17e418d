package fi.arkisto.store;

import fi.arkisto.store.accessrecords.AccessRecordsConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The smallest Spring Boot application holding the archive store and the records behind its access facts: Boot's
 * DataSource, Flyway and transactions.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ArchiveStoreConfiguration.class, AccessRecordsConfiguration.class})
public class StoreTestApplication {
}

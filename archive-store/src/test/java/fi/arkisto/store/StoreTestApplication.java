package fi.arkisto.store;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The smallest Spring Boot application holding the archive store: Boot's DataSource, Flyway and transactions. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ArchiveStoreConfiguration.class)
public class StoreTestApplication {
}

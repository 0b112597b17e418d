package fi.arkisto.store;

import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Spring test of the archive store against Testcontainers PostgreSQL and MinIO; skipped without Docker. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = StoreTestApplication.class)
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Containers.class)
public @interface ContainersTest {
}

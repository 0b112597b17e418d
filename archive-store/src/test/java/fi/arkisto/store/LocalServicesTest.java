package fi.arkisto.store;

import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Spring test of the archive store against the local PostgreSQL server and an embedded S3 server. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = StoreTestApplication.class)
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Local.class)
public @interface LocalServicesTest {
}

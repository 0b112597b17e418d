package fi.arkisto.batch.migration;

import fi.arkisto.store.signature.SystemSigner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The archive store and the batch jobs as the app assembles them (scanning {@code fi.arkisto}), without web or
 * Camunda. The system signer comes from the test PKI's PKCS#12 (in the app its password comes from the environment).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"fi.arkisto.store", "fi.arkisto.batch"},
        excludeFilters = {
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "fi\\.arkisto\\.store\\.testsupport\\..*"),
                // the controller change tests' application of their own, which would bring a second system signer
                @ComponentScan.Filter(type = FilterType.REGEX,
                        pattern = "fi\\.arkisto\\.batch\\.controllerchange\\.ControllerChangeTestApplication")})
class MigrationTestApplication {

    @Bean
    SystemSigner systemSigner(@Value("${arkisto.test.system-keystore}") Path keystore,
                              @Value("${arkisto.test.system-keystore-password}") String password) {
        return SystemSigner.fromPkcs12(keystore, password.toCharArray(), "system", Clock.systemUTC());
    }
}

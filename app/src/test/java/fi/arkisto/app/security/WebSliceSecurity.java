package fi.arkisto.app.security;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.app.api.problem.RetryAfterProperties;
import fi.arkisto.app.local.LocalToolsCredential;
import fi.arkisto.app.transport.ClientCertificateAnchors;
import fi.arkisto.app.transport.ClientCertificateProperties;
import fi.arkisto.app.transport.TransportSecurity;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The HTTP layer's real access rules for {@code @WebMvcTest} slices: {@link SecurityConfiguration}'s filter chains
 * and request context resolution, with the clients of {@code arkisto.security.api-clients} as configured by the test.
 * The transport is what the archive calls development (plain HTTP on the loopback address), so password clients are
 * on as in the full-stack tests; no client certificate issuers are configured, so no certificate is trusted. The local
 * tools' credential is there as in a running server, with a fixed password ({@link #LOCAL_TOOLS_PASSWORD}).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties({ApiSecurityProperties.class, HttpBasicProperties.class, ClientCertificateProperties.class,
        ApiProperties.class, RetryAfterProperties.class})
public class WebSliceSecurity {

    public static final String LOCAL_TOOLS_PASSWORD = "test-only-local-tools-password";

    @Bean
    TransportSecurity plainHttpOnTheLoopback() {
        return new TransportSecurity(false, false);
    }

    @Bean
    LocalToolsCredential localTools() {
        return new LocalToolsCredential(LocalToolsCredential.CLIENT, LOCAL_TOOLS_PASSWORD);
    }

    @Bean
    ClientCertificateAnchors noClientCertificateIssuers(ClientCertificateProperties properties) {
        return ClientCertificateAnchors.load(properties);
    }
}

package fi.arkisto.app.local;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The running server's side of local tools: a credential generated at each start and its announcement. Only in the
 * server (a web application) and only while {@code arkisto.local-tools.enabled} (default true).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "arkisto.local-tools", name = "enabled", havingValue = "true", matchIfMissing = true)
class LocalToolsConfiguration {

    @Bean
    LocalToolsCredential localToolsCredential() {
        return LocalToolsCredential.generate();
    }

    @Bean
    LocalServerAnnouncement localServerAnnouncement(LocalToolsProperties properties, LocalToolsCredential credential,
                                                    ServerProperties server, ObjectProvider<SslBundles> bundles) {
        return new LocalServerAnnouncement(properties, credential, server, bundles.getIfAvailable());
    }
}

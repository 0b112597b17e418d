package fi.arkisto.app.transport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The listener policy for the management server, when actuator listens on a port of its own
 * ({@code management.server.port}): the same rules as the server's listener, with its own
 * {@code management.server.address} and {@code .ssl} (which it otherwise takes from {@code server.ssl}).
 *
 * <p>Registered in the management child context through {@code META-INF/spring/...ManagementContextConfiguration.imports};
 * the application's component scan finds it too, and the condition keeps it out of the main context.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementListenerConfiguration.InChildContext.class)
class ManagementListenerConfiguration {

    @Bean
    ListenerPolicy managementListenerPolicy(ObjectProvider<SslBundles> bundles, ClientCertificateAnchors anchors,
                                            ReverseProxyProperties proxy) {
        return new ListenerPolicy("the management server", "management.server", bundles.getIfAvailable(), anchors, proxy);
    }

    /** The management server's context is a child of the application's (which has no parent). */
    static final class InChildContext implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }
}

package fi.arkisto.app.transport;

import fi.arkisto.store.schedule.ScheduleConfiguration;
import org.apache.catalina.Valve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's transport security (docs/running.md, "Transport security"): the policy of its listeners, the client
 * certificate trust anchors and their reloading, and the reverse proxy's forwarded client certificates. Only in the
 * server: the command-line tools that run the archive without a web server have no listener.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TransportConfiguration {

    // static: a BeanFactoryPostProcessor must not force its configuration class to be created early.
    @Bean
    static EarlyListenerCheck earlyListenerCheck() {
        return new EarlyListenerCheck();
    }

    @Bean
    ClientCertificateAnchors clientCertificateAnchors(ClientCertificateProperties properties) {
        return ClientCertificateAnchors.load(properties);
    }

    @Bean
    ClientCertificateAnchors.ReloadSchedule clientCertificateAnchorsReload(ClientCertificateAnchors anchors,
                                                                          @Qualifier(ScheduleConfiguration.SCHEDULER) TaskScheduler scheduler,
                                                                          ClientCertificateProperties properties) {
        return new ClientCertificateAnchors.ReloadSchedule(anchors, scheduler, properties.trustAnchorsReloadInterval());
    }

    @Bean
    TransportSecurity transportSecurity(ServerProperties server, ReverseProxyProperties proxy) {
        return TransportSecurity.of(server, proxy);
    }

    @Bean
    ListenerPolicy serverListenerPolicy(ObjectProvider<SslBundles> bundles, ClientCertificateAnchors anchors,
                                        ReverseProxyProperties proxy) {
        return new ListenerPolicy("the server", "server", bundles.getIfAvailable(), anchors, proxy);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> forwardedClientCertificates(ReverseProxyProperties proxy) {
        return factory -> {
            if (proxy.enabled()) {
                // first in the engine's pipeline: before a RemoteIpValve rewrites the peer's address
                List<Valve> valves = new ArrayList<>(factory.getEngineValves());
                valves.add(0, new ForwardedClientCertificateValve(proxy));
                factory.setEngineValves(valves);
            }
        };
    }
}

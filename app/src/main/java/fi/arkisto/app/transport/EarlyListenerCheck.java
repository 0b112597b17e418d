package fi.arkisto.app.transport;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

import java.net.InetAddress;

/**
 * The server listener's first rule ({@link ListenerPolicy}: without TLS, the loopback address only), judged from the
 * configuration before anything starts, so that a refused start says so at once instead of after the embedded database
 * has come up. {@link ListenerPolicy} judges the listener itself again when the web server is made.
 */
final class EarlyListenerCheck implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Binder binder = Binder.get(environment);
        InetAddress address = binder.bind("server.address", InetAddress.class).orElse(null);
        boolean tls = Ssl.isEnabled(binder.bind("server.ssl", Ssl.class).orElse(null));
        boolean proxy = binder.bind("arkisto.security.reverse-proxy.enabled", Boolean.class).orElse(false);
        if (!tls && !proxy && (address == null || !address.isLoopbackAddress())) {
            throw ListenerPolicy.plaintextRefused("the server", "server", address,
                    binder.bind("server.port", Integer.class).orElse(8080));
        }
    }
}

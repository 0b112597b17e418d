package fi.arkisto.app.transport;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.server.Ssl;

/**
 * How clients reach the server: over TLS of its own, through a TLS-terminating reverse proxy, or neither (plain HTTP
 * on the loopback address: the no-setup default and development). Either of the first two is what the archive calls
 * production: password clients (HTTP Basic) are then off unless switched on ({@code arkisto.security.http-basic}).
 *
 * @param tls          whether the server's listener speaks TLS ({@code server.ssl})
 * @param reverseProxy whether TLS is terminated by a declared reverse proxy
 */
public record TransportSecurity(boolean tls, boolean reverseProxy) {

    static TransportSecurity of(ServerProperties server, ReverseProxyProperties proxy) {
        return new TransportSecurity(Ssl.isEnabled(server.getSsl()), proxy.enabled());
    }

    /** Whether clients reach the server over TLS (its own or a proxy's): production. */
    public boolean encrypted() {
        return tls || reverseProxy;
    }
}

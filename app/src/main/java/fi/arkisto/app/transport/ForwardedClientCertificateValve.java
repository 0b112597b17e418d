package fi.arkisto.app.transport;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.io.IOException;
import java.util.List;

/**
 * Takes the client certificate a reverse proxy forwards in its header, only from the configured proxies. It runs
 * first in Tomcat's engine pipeline, before any valve that rewrites the remote address from {@code X-Forwarded-For}
 * ({@code server.forward-headers-strategy}), so the address it judges is the TCP peer's: a client that is not a proxy
 * cannot pass as one by sending forwarded-for headers. From any other peer the header is ignored (never read).
 *
 * <p>The header's value travels on as the request attribute {@link #ATTRIBUTE}; the API's certificate authentication
 * reads the certificate from there, and checks it as it checks one presented in the TLS handshake. A request from a
 * proxy is marked {@link #FROM_PROXY}: a certificate of its TLS connection is the proxy's own (a proxy that re-encrypts),
 * never the client's, so only the header speaks for the client.
 */
public final class ForwardedClientCertificateValve extends ValveBase {

    /** The request attribute holding the forwarded header's value, set only for requests from a configured proxy. */
    public static final String ATTRIBUTE = ForwardedClientCertificateValve.class.getName() + ".certificate";
    /** The request attribute ({@link Boolean#TRUE}) marking a request whose TCP peer is a configured proxy. */
    public static final String FROM_PROXY = ForwardedClientCertificateValve.class.getName() + ".from-proxy";
    private static final Logger log = LoggerFactory.getLogger(ForwardedClientCertificateValve.class);

    private final String header;
    private final List<IpAddressMatcher> proxies;

    ForwardedClientCertificateValve(ReverseProxyProperties properties) {
        super(true);
        this.header = properties.clientCertificateHeader();
        this.proxies = properties.matchers();
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String value = request.getHeader(header);
        String peer = request.getRemoteAddr();
        if (proxies.stream().anyMatch(proxy -> proxy.matches(peer))) {
            request.setAttribute(FROM_PROXY, Boolean.TRUE);
            if (value != null && !value.isBlank()) {
                request.setAttribute(ATTRIBUTE, value);
            }
        } else if (value != null) {
            log.debug("Ignored the {} header from {}, which is not a configured reverse proxy", header, peer);
        }
        getNext().invoke(request, response);
    }
}

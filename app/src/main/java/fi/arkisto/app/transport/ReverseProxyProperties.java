package fi.arkisto.app.transport;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * {@code arkisto.security.reverse-proxy}: TLS terminated by a reverse proxy in front of the archive. The operator
 * declares it, names the proxies by address and the header in which they forward the client's certificate; a
 * certificate header is read only from those addresses (the TCP peer, before any forwarded-for rewriting), from any
 * other peer it is ignored. Declared, the server may listen on other addresses than the loopback without TLS of its own.
 *
 * @param enabled                  whether TLS is terminated by a reverse proxy
 * @param addresses                the proxies' IP addresses or CIDR ranges ({@code 10.0.0.5}, {@code 10.0.1.0/24},
 *                                 {@code fd00::/8}); no host names
 * @param clientCertificateHeader  the header the proxies put the client's certificate in: PEM (URL-encoded as nginx's
 *                                 {@code $ssl_client_escaped_cert}, or with its line breaks as spaces) or Base64 DER
 */
@Validated
@ConfigurationProperties("arkisto.security.reverse-proxy")
public record ReverseProxyProperties(@DefaultValue("false") boolean enabled, List<String> addresses,
                                     @DefaultValue("X-SSL-Client-Cert") String clientCertificateHeader) {

    public ReverseProxyProperties {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        if (enabled) {
            if (addresses.isEmpty()) {
                throw new TransportSecurityException("arkisto.security.reverse-proxy.enabled is true but no proxy is named:"
                        + " list the proxies' IP addresses or CIDR ranges in arkisto.security.reverse-proxy.addresses, the only"
                        + " peers whose forwarded client certificate the archive reads.", RUNNING_MD);
            }
            for (String address : addresses) {
                try {
                    new IpAddressMatcher(address);
                } catch (IllegalArgumentException e) {
                    throw new TransportSecurityException("arkisto.security.reverse-proxy.addresses lists " + address
                            + ", which is not an IP address or CIDR range: name the proxies by address, never by host name.",
                            RUNNING_MD);
                }
            }
            if (clientCertificateHeader == null || clientCertificateHeader.isBlank()) {
                throw new TransportSecurityException("arkisto.security.reverse-proxy.client-certificate-header is blank: name"
                        + " the header the proxies forward the client certificate in.", RUNNING_MD);
            }
        }
    }

    static final String RUNNING_MD = "See docs/running.md, \"Transport security\".";

    /** Matchers of the proxy addresses. */
    List<IpAddressMatcher> matchers() {
        return addresses.stream().map(IpAddressMatcher::new).toList();
    }
}

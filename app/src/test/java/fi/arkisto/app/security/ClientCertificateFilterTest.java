package fi.arkisto.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.support.TlsTestPki;
import fi.arkisto.app.transport.ClientCertificateAnchors;
import fi.arkisto.app.transport.ClientCertificateProperties;
import fi.arkisto.app.transport.ForwardedClientCertificateValve;
import fi.arkisto.store.signature.TrustAnchors;
import fi.arkisto.testkit.pki.CertificateIssuer;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Which certificate speaks for the caller: the handshake's, a proxy's forwarded one, never the proxy's own. */
class ClientCertificateFilterTest {

    private static final TlsTestPki PKI = TlsTestPki.create();
    private static final ClientCertificateFilter FILTER = new ClientCertificateFilter(new ClientCertificateVerifier(
            anchors(), new ClientCertificateProperties(null, Duration.ofMinutes(1), List.of()), Clock.systemUTC()),
            new ProblemResponses(new ObjectMapper()));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theHandshakesCertificateAuthenticatesAndHidesAnAuthorizationHeader() throws Exception {
        MockHttpServletRequest request = request();
        request.setAttribute(ClientCertificateFilter.TLS_CERTIFICATES, new X509Certificate[]{PKI.client().certificate()});
        request.addHeader("Authorization", "Basic ZGV2OmRldi1wYXNzd29yZC1vbmx5");

        Seen seen = filter(request);

        assertThat(seen.caller()).isInstanceOf(ClientSystemAuthentication.class);
        assertThat(seen.caller().getName()).isEqualTo("Asiakastietojärjestelmä@" + TlsTestPki.CONTROLLER);
        assertThat(seen.request().getHeader("Authorization")).isNull();
        assertThat(seen.request().getHeaders("Authorization").hasMoreElements()).isFalse();
    }

    @Test
    void aProxysForwardedCertificateSpeaksForTheClientAndItsOwnNever() throws Exception {
        // a proxy that re-encrypts presents its own certificate (here: another organisation's) and forwards the client's
        MockHttpServletRequest forwarded = request();
        forwarded.setAttribute(ForwardedClientCertificateValve.FROM_PROXY, Boolean.TRUE);
        forwarded.setAttribute(ClientCertificateFilter.TLS_CERTIFICATES,
                new X509Certificate[]{PKI.otherOrganisationClient().certificate()});
        forwarded.setAttribute(ForwardedClientCertificateValve.ATTRIBUTE, CertificateIssuer.pem(PKI.client().certificate()));
        assertThat(((ClientSystemAuthentication) filter(forwarded).caller()).getPrincipal().organisation().value())
                .isEqualTo(TlsTestPki.CONTROLLER);

        // without a forwarded certificate, the proxy's own does not authenticate the request
        MockHttpServletRequest bare = request();
        bare.setAttribute(ForwardedClientCertificateValve.FROM_PROXY, Boolean.TRUE);
        bare.setAttribute(ClientCertificateFilter.TLS_CERTIFICATES,
                new X509Certificate[]{PKI.otherOrganisationClient().certificate()});
        assertThat(filter(bare).caller()).isNull();
    }

    @Test
    void aRefusedCertificateIsAnsweredWithItsProblemAndGoesNoFurther() throws Exception {
        MockHttpServletRequest request = request();
        request.setAttribute(ClientCertificateFilter.TLS_CERTIFICATES, new X509Certificate[]{PKI.revokedClient().certificate()});
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        FILTER.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("the chain went on").isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("\"code\":\"CLIENT_CERTIFICATE_REVOKED\"");
    }

    private record Seen(HttpServletRequest request, Authentication caller) {
    }

    private static Seen filter(MockHttpServletRequest request) throws Exception {
        // each request begins without a caller, as Spring Security's context holder filter makes it
        SecurityContextHolder.clearContext();
        AtomicReference<Seen> seen = new AtomicReference<>();
        FILTER.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(new Seen((HttpServletRequest) req,
                SecurityContextHolder.getContext().getAuthentication())));
        assertThat(seen.get()).as("the chain went on").isNotNull();
        return seen.get();
    }

    private static MockHttpServletRequest request() {
        return new MockHttpServletRequest("GET", "/api/v1/clients/x/documents");
    }

    private static ClientCertificateAnchors anchors() {
        return ClientCertificateAnchors.of(TrustAnchors.load(PKI.directory().resolve("client-trust-anchors")));
    }
}

package fi.arkisto.app.security;

import fi.arkisto.app.problem.Problems;
import fi.arkisto.app.transport.ForwardedClientCertificateValve;
import fi.arkisto.store.error.ArchiveException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Authenticates an API request by the client certificate its connection presented in the TLS handshake, or that a
 * configured reverse proxy forwarded ({@link ForwardedClientCertificateValve}; a forwarded one is the client's, so it
 * goes first). A certificate that does not authenticate a client system is refused with its own
 * {@code CLIENT_CERTIFICATE_*} problem; one that does decides who the caller is, and an {@code Authorization} header
 * beside it is not read, so no password can add to what the certificate allows. Without a certificate the request
 * goes on to HTTP Basic (the local tools' credential, and password clients where they are on).
 */
final class ClientCertificateFilter extends OncePerRequestFilter {

    static final String TLS_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private static final Logger log = LoggerFactory.getLogger(ClientCertificateFilter.class);

    private final ClientCertificateVerifier verifier;
    private final ProblemResponses problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ClientCertificateFilter(ClientCertificateVerifier verifier, ProblemResponses problems) {
        this.verifier = verifier;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ClientSystem system;
        X509Certificate[] presented;
        try {
            presented = presented(request);
            if (presented == null) {
                chain.doFilter(request, response);
                return;
            }
            system = verifier.verify(presented);
        } catch (ArchiveException refused) {
            log.info("Refused a client certificate from {}: {} ({})", request.getRemoteAddr(), refused.getMessage(),
                    refused.code());
            problems.write(response, Problems.of(refused.code(), refused.getMessage()));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ClientSystemAuthentication(system, presented[0]));
        contexts.setContext(context);
        chain.doFilter(new WithoutAuthorization(request), response);
    }

    private static X509Certificate[] presented(HttpServletRequest request) {
        if (request.getAttribute(ForwardedClientCertificateValve.ATTRIBUTE) instanceof String forwarded) {
            return ForwardedCertificates.parse(forwarded);
        }
        if (Boolean.TRUE.equals(request.getAttribute(ForwardedClientCertificateValve.FROM_PROXY))) {
            // the proxy forwarded no client certificate; a certificate of its own connection is not the client's
            return null;
        }
        return request.getAttribute(TLS_CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0 ? chain : null;
    }

    /** The request without its {@code Authorization} header: the certificate alone authenticates it. */
    private static final class WithoutAuthorization extends HttpServletRequestWrapper {

        WithoutAuthorization(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)).toList());
        }
    }
}

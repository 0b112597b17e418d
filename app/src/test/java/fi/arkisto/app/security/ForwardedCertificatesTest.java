package fi.arkisto.app.security;

import fi.arkisto.app.support.TlsTestPki;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The forms in which reverse proxies forward a client certificate, and what is not one. */
class ForwardedCertificatesTest {

    private static final TlsTestPki PKI = TlsTestPki.create();
    private static final X509Certificate CLIENT = PKI.client().certificate();
    private static final String PEM = CertificateIssuer.pem(CLIENT);

    @Test
    void readsNginxApacheAndHaproxyForms() throws Exception {
        // nginx $ssl_client_escaped_cert: URL-encoded PEM, '+' of the Base64 encoded as %2B
        assertThat(ForwardedCertificates.parse(URLEncoder.encode(PEM, StandardCharsets.UTF_8).replace("+", "%20")))
                .containsExactly(CLIENT);
        // Apache: PEM with spaces for line breaks
        assertThat(ForwardedCertificates.parse(PEM.replace("\r\n", " ").replace("\n", " "))).containsExactly(CLIENT);
        // HAProxy: Base64 DER
        assertThat(ForwardedCertificates.parse(Base64.getEncoder().encodeToString(CLIENT.getEncoded()))).containsExactly(CLIENT);
        // a chain after the certificate
        assertThat(ForwardedCertificates.parse(PEM + CertificateIssuer.pem(PKI.pki().ca().certificate())))
                .containsExactly(CLIENT, PKI.pki().ca().certificate());
    }

    @Test
    void anythingElseIsMalformed() {
        for (String header : new String[]{"hello", "%zz", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE----- cut off",
                Base64.getEncoder().encodeToString("not DER".getBytes(StandardCharsets.UTF_8)),
                PEM.repeat(9)}) {
            assertThatThrownBy(() -> ForwardedCertificates.parse(header)).as(header)
                    .isInstanceOfSatisfying(ArchiveException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_CERTIFICATE_MALFORMED));
        }
    }
}

package fi.arkisto.app.security;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.web.util.UriUtils;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the client certificate a reverse proxy forwards in a header, in the forms common proxies write it: PEM
 * URL-encoded (nginx {@code $ssl_client_escaped_cert}), PEM with its line breaks as spaces (Apache
 * {@code %{SSL_CLIENT_CERT}s}), or Base64 DER (HAProxy {@code %[ssl_c_der,base64]}); PEM may carry the chain after the
 * certificate. Anything else is {@code CLIENT_CERTIFICATE_MALFORMED}.
 */
final class ForwardedCertificates {

    private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final int MAX_CERTIFICATES = 8;

    private ForwardedCertificates() {
    }

    static X509Certificate[] parse(String header) {
        String text = header.strip();
        if (text.contains("%")) {
            // percent-decoding only: '+' is Base64, never a space
            try {
                text = UriUtils.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw malformed("its URL encoding is broken");
            }
        }
        List<byte[]> encoded = new ArrayList<>();
        try {
            if (text.contains("-----BEGIN CERTIFICATE-----")) {
                Matcher pem = PEM.matcher(text);
                while (pem.find() && encoded.size() <= MAX_CERTIFICATES) {
                    encoded.add(Base64.getDecoder().decode(pem.group(1).replaceAll("\\s", "")));
                }
            } else {
                encoded.add(Base64.getDecoder().decode(text.replaceAll("\\s", "")));
            }
        } catch (IllegalArgumentException e) {
            throw malformed("it is not Base64");
        }
        if (encoded.isEmpty() || encoded.size() > MAX_CERTIFICATES) {
            throw malformed(encoded.isEmpty() ? "it holds no complete PEM certificate" : "it holds more than "
                    + MAX_CERTIFICATES + " certificates");
        }
        X509Certificate[] certificates = new X509Certificate[encoded.size()];
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certificates.length; i++) {
                certificates[i] = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(encoded.get(i)));
            }
        } catch (CertificateException | ClassCastException e) {
            throw malformed("it is not a DER-encoded X.509 certificate");
        }
        return certificates;
    }

    private static ArchiveException malformed(String why) {
        return new ArchiveException(ErrorCode.CLIENT_CERTIFICATE_MALFORMED,
                "The client certificate header from the reverse proxy cannot be read: " + why);
    }
}

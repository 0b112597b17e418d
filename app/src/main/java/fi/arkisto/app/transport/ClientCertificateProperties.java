package fi.arkisto.app.transport;

import fi.arkisto.store.identity.Oid;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code arkisto.security.client-certificates}: client information systems authenticated by their TLS client
 * certificates, as Kanta's client systems connect with DVV's service certificates (docs/running.md, "Client systems by
 * certificate").
 *
 * @param trustAnchors                 the directory of the issuers trusted for client certificates and their CRLs, in the
 *                                     layout of {@code arkisto.signature.trust-anchors} ({@code .pem .crt .cer .der}
 *                                     certificates, {@code .crl} revocation lists); a set of its own, not the
 *                                     signature anchors; unset = no client certificates are requested
 * @param trustAnchorsReloadInterval   how often the directory is re-read while the server runs (handshake and checks
 *                                     alike); 0 = at start only
 * @param systems                      what the client systems of an organisation may do besides acting for that
 *                                     organisation
 */
@Validated
@ConfigurationProperties("arkisto.security.client-certificates")
public record ClientCertificateProperties(Path trustAnchors,
                                          @DefaultValue("1m") @NotNull Duration trustAnchorsReloadInterval,
                                          @Valid List<ClientSystemRule> systems) {

    public ClientCertificateProperties {
        systems = systems == null ? List.of() : List.copyOf(systems);
        Set<String> seen = new HashSet<>();
        for (ClientSystemRule rule : systems) {
            if (!seen.add(rule.organisation())) {
                throw new TransportSecurityException("arkisto.security.client-certificates.systems lists organisation "
                        + rule.organisation() + " twice: give each organisation one entry.", ReverseProxyProperties.RUNNING_MD);
            }
        }
    }

    /**
     * The client systems of one organisation (the organisation OID in their certificates' subject serialNumber).
     *
     * @param organisation the organisation OID
     * @param actsFor      further organisations they may act for ({@code X-Organisation-Oid}), e.g. the organisers an IT
     *                     service provider serves; never {@code *}
     * @param auditor      whether they may read the audit verification
     */
    public record ClientSystemRule(@NotNull String organisation, Set<String> actsFor, boolean auditor) {

        public ClientSystemRule {
            actsFor = actsFor == null ? Set.of() : Set.copyOf(actsFor);
            if (organisation != null && !Oid.isValid(organisation)) {
                throw new TransportSecurityException("arkisto.security.client-certificates.systems names organisation "
                        + organisation + ", which is not an OID.", ReverseProxyProperties.RUNNING_MD);
            }
            for (String other : actsFor) {
                if (!Oid.isValid(other)) {
                    throw new TransportSecurityException("arkisto.security.client-certificates.systems lets " + organisation
                            + " act for " + other + ", which is not an organisation OID (a certificate never acts for any"
                            + " organisation, so * is not accepted here).", ReverseProxyProperties.RUNNING_MD);
                }
            }
        }
    }
}

package fi.arkisto.app.citizen;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code arkisto.citizen.*}: who issues the bearer tokens citizens call the citizen API with (docs/access.md, "The
 * citizen API"). Exactly one source of keys is trusted: the issuer's discovery document, a JWK set URI, or a JWK set
 * file (development and tests, written by {@code citizen-token}). None configured: the citizen API trusts no token
 * and answers CITIZEN_API_NOT_CONFIGURED.
 *
 * @param issuerUri     the OpenID Connect issuer: its keys come from its discovery document, and tokens must name it
 *                      in {@code iss}
 * @param jwkSetUri     the issuer's JWK set, where it publishes no discovery document
 * @param jwkSetFile    a JWK set file (development and tests only)
 * @param issuer        with a JWK set URI or file, the {@code iss} every token must carry (unset: any)
 * @param audience      the {@code aud} every token must include (unset: not checked)
 * @param identityClaim the claim that holds the personal identity code; by default {@code urn:oid:1.2.246.21}, the
 *                      name Suomi.fi e-Identification gives it (the identity code's code system)
 * @param clockSkew     how far the token's times may disagree with the archive's clock
 * @param guardianOfClaim the claim (an array of personal identity codes) in which the issuer vouches for the minors
 *                      whose guardian the population register shows the citizen to be, as Suomi.fi e-Authorizations
 *                      verifies acting on a minor's behalf; unset: the citizen API acts for nobody but the citizen
 *                      (docs/access.md, "A guardian on a minor's behalf")
 */
@ConfigurationProperties("arkisto.citizen")
public record CitizenProperties(String issuerUri, String jwkSetUri, Path jwkSetFile, String issuer, String audience,
                                @DefaultValue("urn:oid:1.2.246.21") String identityClaim,
                                @DefaultValue("60s") Duration clockSkew, String guardianOfClaim) {

    public CitizenProperties {
        issuerUri = blankToNull(issuerUri);
        jwkSetUri = blankToNull(jwkSetUri);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        guardianOfClaim = blankToNull(guardianOfClaim);
        int sources = (issuerUri == null ? 0 : 1) + (jwkSetUri == null ? 0 : 1) + (jwkSetFile == null ? 0 : 1);
        if (sources > 1) {
            throw new IllegalArgumentException("Configure one of arkisto.citizen.issuer-uri, jwk-set-uri and "
                    + "jwk-set-file, not several: each is a different trust in who may vouch for a citizen");
        }
        if (issuerUri != null && issuer != null && !issuer.equals(issuerUri)) {
            throw new IllegalArgumentException("arkisto.citizen.issuer must be left out or equal issuer-uri");
        }
    }

    /** Whether any issuer is trusted at all. */
    public boolean configured() {
        return issuerUri != null || jwkSetUri != null || jwkSetFile != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package fi.arkisto.app.citizen;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.PersonalIdentityCode;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a citizen's bearer token is checked (docs/access.md, "The citizen API"): its signature against the configured
 * issuer's keys, then its times (an expiry is required), issuer, audience and the personal identity code in the
 * identity claim. Each failed check is an {@link OAuth2Error} whose code is the name of the {@link ErrorCode} the
 * citizen API answers with, so the refusal says which check failed.
 */
final class CitizenTokenValidation {

    private CitizenTokenValidation() {
    }

    /**
     * The decoder of the configured issuer's tokens; the properties must be {@link CitizenProperties#configured()}.
     * An issuer's decoder is built on the first token, not at start (Spring's reads the issuer's discovery document
     * when built), so that the archive starts while the issuer is down; until it answers, each token fails as
     * {@link JwtException} (CITIZEN_ISSUER_UNAVAILABLE).
     */
    static JwtDecoder decoder(CitizenProperties properties) {
        if (properties.jwkSetFile() != null) {
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(fileProcessor(properties));
            decoder.setJwtValidator(validator(properties));
            return decoder;
        }
        return new OnFirstToken(() -> {
            // RS256 named, as for the file: otherwise building fetches the key set to learn its algorithms
            NimbusJwtDecoder decoder = properties.issuerUri() != null
                    ? NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build()
                    : NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(validator(properties));
            return decoder;
        });
    }

    /** A decoder built when the first token comes, and built again on the next token while building fails. */
    private static final class OnFirstToken implements JwtDecoder {

        private final Supplier<JwtDecoder> build;
        private volatile JwtDecoder built;

        OnFirstToken(Supplier<JwtDecoder> build) {
            this.build = build;
        }

        @Override
        public Jwt decode(String token) {
            JwtDecoder decoder = built;
            if (decoder == null) {
                synchronized (this) {
                    if (built == null) {
                        try {
                            built = build.get();
                        } catch (RuntimeException e) {
                            throw new JwtException("The issuer of citizens' tokens cannot be reached: " + e.getMessage(), e);
                        }
                    }
                    decoder = built;
                }
            }
            return decoder.decode(token);
        }
    }

    private static DefaultJWTProcessor<SecurityContext> fileProcessor(CitizenProperties properties) {
        JWKSet keys;
        try {
            keys = JWKSet.load(properties.jwkSetFile().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("arkisto.citizen.jwk-set-file " + properties.jwkSetFile()
                    + " cannot be read", e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("arkisto.citizen.jwk-set-file " + properties.jwkSetFile()
                    + " is not a JWK set: " + e.getMessage(), e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        // the claims are checked by the validator below, each failure with its own code
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        return processor;
    }

    static OAuth2TokenValidator<Jwt> validator(CitizenProperties properties) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        JwtTimestampValidator times = new JwtTimestampValidator(properties.clockSkew());
        checks.add(jwt -> jwt.getExpiresAt() == null
                ? failure(ErrorCode.CITIZEN_TOKEN_EXPIRED, "The token has no expiry time (exp)")
                : recoded(times.validate(jwt), ErrorCode.CITIZEN_TOKEN_EXPIRED));
        String issuer = properties.issuerUri() != null ? properties.issuerUri() : properties.issuer();
        if (issuer != null) {
            JwtIssuerValidator issuers = new JwtIssuerValidator(issuer);
            checks.add(jwt -> recoded(issuers.validate(jwt), ErrorCode.CITIZEN_TOKEN_INVALID));
        }
        if (properties.audience() != null) {
            checks.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())
                    ? OAuth2TokenValidatorResult.success()
                    : failure(ErrorCode.CITIZEN_TOKEN_INVALID, "The token is not meant for this archive (aud)"));
        }
        String claim = properties.identityClaim();
        checks.add(jwt -> identity(jwt, claim));
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    private static OAuth2TokenValidatorResult identity(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (!(value instanceof String code) || code.isBlank()) {
            return failure(ErrorCode.CITIZEN_IDENTITY_CLAIM_MISSING, "The token has no personal identity code in "
                    + "its claim " + claim);
        }
        String problem = PersonalIdentityCode.problemWith(code);
        return problem == null ? OAuth2TokenValidatorResult.success()
                : failure(ErrorCode.CITIZEN_IDENTITY_CLAIM_INVALID, "The claim " + claim + " is not a valid personal "
                + "identity code: " + problem);
    }

    private static OAuth2TokenValidatorResult recoded(OAuth2TokenValidatorResult result, ErrorCode code) {
        if (!result.hasErrors()) {
            return result;
        }
        return OAuth2TokenValidatorResult.failure(result.getErrors().stream()
                .map(error -> new OAuth2Error(code.name(), error.getDescription(), null)).toList());
    }

    private static OAuth2TokenValidatorResult failure(ErrorCode code, String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(code.name(), description, null));
    }
}

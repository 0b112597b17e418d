package fi.arkisto.app.citizen;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.problem.Problems;
import fi.arkisto.app.security.ProblemResponses;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.util.Arrays;

/**
 * The citizen API's own filter chain, {@code /api/v1/citizen/**}, ahead of the client systems' {@code /api/**} chain
 * (which it leaves as it is): citizens authenticate with a bearer token (JWT) of the configured issuer, the OAuth 2.0
 * resource server way; the archive keeps no password of theirs. Stateless. With no issuer configured every request
 * answers CITIZEN_API_NOT_CONFIGURED: nothing is trusted by default (docs/access.md, "The citizen API").
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CitizenSecurityConfiguration {

    static final String PATH = "/api/v1/citizen/**";
    static final String REALM = "Arkisto citizen API";

    @Bean
    @Order(0)
    SecurityFilterChain citizenApi(HttpSecurity http, CitizenProperties properties, ObjectMapper json,
                                   Environment environment) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(PATH))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable());
        if (!properties.configured()) {
            AuthenticationEntryPoint notConfigured = (request, response, e) -> problems.write(response,
                    Problems.of(ErrorCode.CITIZEN_API_NOT_CONFIGURED, "Configure arkisto.citizen.issuer-uri, "
                            + "jwk-set-uri or jwk-set-file to trust an issuer of citizens' tokens"));
            return http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                    .exceptionHandling(handling -> handling.authenticationEntryPoint(notConfigured)
                            .accessDeniedHandler((request, response, e) -> notConfigured.commence(request, response, null)))
                    .build();
        }
        AuthenticationEntryPoint refused = (request, response, e) -> {
            ErrorCode code = codeOf(e);
            if (code.httpStatus() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\""
                        + (code == ErrorCode.CITIZEN_TOKEN_MISSING ? "" : ", error=\"invalid_token\""));
            }
            problems.write(response, Problems.of(code, code == ErrorCode.CITIZEN_TOKEN_MISSING
                    ? "Authenticate as a citizen with a bearer token of the archive's trusted issuer" : detailOf(e)));
        };
        if (properties.jwkSetFile() != null && environment.acceptsProfiles(Profiles.of("dev"))) {
            // the dev login's key pair, written before its public half is read below (a fresh dev data directory)
            DevCitizenLoginController.devIssuer(properties);
        }
        JwtAuthenticationConverter citizens = new JwtAuthenticationConverter();
        // the authentication's name is the personal identity code the validator has checked
        citizens.setPrincipalClaimName(properties.identityClaim());
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(CitizenTokenValidation.decoder(properties))
                                .jwtAuthenticationConverter(citizens))
                        .authenticationEntryPoint(refused)
                        // by default a token that could not be checked (the issuer unreachable) is rethrown as a 500
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(refused::commence);
                                return filter;
                            }
                        }))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(refused))
                .build();
    }

    /** The code of the failed check ({@link CitizenTokenValidation}); a token that cannot be verified at all is invalid. */
    static ErrorCode codeOf(AuthenticationException e) {
        if (e instanceof AuthenticationServiceException) {
            // the token could not be checked: the issuer's keys (or its discovery document) could not be fetched
            return ErrorCode.CITIZEN_ISSUER_UNAVAILABLE;
        }
        if (!(e instanceof OAuth2AuthenticationException)) {
            return ErrorCode.CITIZEN_TOKEN_MISSING;
        }
        OAuth2Error error = validationError(e);
        if (error != null && Arrays.stream(ErrorCode.values()).anyMatch(code -> code.name().equals(error.getErrorCode()))) {
            return ErrorCode.valueOf(error.getErrorCode());
        }
        return ErrorCode.CITIZEN_TOKEN_INVALID;
    }

    private static String detailOf(AuthenticationException e) {
        OAuth2Error error = validationError(e);
        return error != null && error.getDescription() != null ? error.getDescription() : e.getMessage();
    }

    /** The first failed check of the token's claims, or null when the token failed before them (signature, form). */
    private static OAuth2Error validationError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid && !invalid.getErrors().isEmpty()) {
                return invalid.getErrors().iterator().next();
            }
        }
        return null;
    }
}

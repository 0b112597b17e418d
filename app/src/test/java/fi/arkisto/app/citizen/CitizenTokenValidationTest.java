package fi.arkisto.app.citizen;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production ways of trusting an issuer, against an issuer of the test's own on the loopback: its OpenID Connect
 * discovery document and JWK set (arkisto.citizen.issuer-uri), or the JWK set alone (jwk-set-uri) with the expected
 * issuer and audience.
 */
class CitizenTokenValidationTest {

    private static final String CLAIM = "urn:oid:1.2.246.21";
    private static final String CITIZEN = "010190-900P";

    private HttpServer server;
    private String base;
    private CitizenTestIssuer keys;
    private final AtomicInteger keyFetches = new AtomicInteger();

    @BeforeEach
    void anIssuerOnTheLoopback(@TempDir Path directory) throws IOException {
        keys = CitizenTestIssuer.openOrCreate(directory);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/oidc/.well-known/openid-configuration", exchange -> {
            byte[] body = ("{\"issuer\":\"" + base + "/oidc\",\"jwks_uri\":\"" + base + "/oidc/jwks\","
                    + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/oidc/jwks", exchange -> {
            keyFetches.incrementAndGet();
            byte[] body = keys.publicKeys().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String token(String issuer) {
        return keys.token(CLAIM, CITIZEN, issuer, Instant.now(), Duration.ofMinutes(5));
    }

    private static CitizenProperties properties(String issuerUri, String jwkSetUri, String issuer, String audience) {
        return new CitizenProperties(issuerUri, jwkSetUri, null, issuer, audience, CLAIM, Duration.ofSeconds(60), null);
    }

    private static OAuth2Error failure(JwtDecoder decoder, String token) {
        try {
            decoder.decode(token);
        } catch (JwtValidationException e) {
            return e.getErrors().iterator().next();
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void anOpenIdIssuerIsTrustedThroughItsDiscoveryDocumentAndItsNameIsRequired() {
        // given the archive configured with the issuer
        JwtDecoder decoder = CitizenTokenValidation.decoder(properties(base + "/oidc", null, null, null));

        // when / then its token is accepted with the identity code, another issuer's name refused
        assertThat(decoder.decode(token(base + "/oidc")).getClaimAsString(CLAIM)).isEqualTo(CITIZEN);
        assertThat(failure(decoder, token("https://elsewhere.example")).getErrorCode()).isEqualTo("CITIZEN_TOKEN_INVALID");
        assertThat(keyFetches.get()).isPositive();
    }

    @Test
    void aJwkSetUriIsTrustedWithTheConfiguredIssuerAndAudience() {
        JwtDecoder decoder = CitizenTokenValidation.decoder(properties(null, base + "/oidc/jwks", "urn:idp", "arkisto"));

        // a token without the audience is refused, with its code; the issuer is checked too
        assertThat(failure(decoder, token("urn:idp")).getErrorCode()).isEqualTo("CITIZEN_TOKEN_INVALID");
        JwtDecoder noAudience = CitizenTokenValidation.decoder(properties(null, base + "/oidc/jwks", "urn:idp", null));
        assertThat(noAudience.decode(token("urn:idp")).getSubject()).isEqualTo(CITIZEN);
        assertThat(failure(noAudience, token("urn:other")).getErrorCode()).isEqualTo("CITIZEN_TOKEN_INVALID");
    }

    @Test
    void buildingTheDecoderFetchesNothingSoTheArchiveStartsWhileTheIssuerIsDown() {
        // given an issuer that does not answer
        server.stop(0);

        // when the decoder is built, nothing is fetched and nothing fails until a token comes
        JwtDecoder decoder = CitizenTokenValidation.decoder(properties(base + "/oidc", null, null, null));
        assertThat(keyFetches.get()).isZero();
        assertThatThrownBy(() -> decoder.decode(token(base + "/oidc"))).isExactlyInstanceOf(JwtException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void onlyOneSourceOfKeysMayBeConfigured() {
        assertThatThrownBy(() -> properties(base + "/oidc", base + "/oidc/jwks", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not several");
        assertThat(properties(null, null, null, null).configured()).isFalse();
    }
}

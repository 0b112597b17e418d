package fi.arkisto.app.citizen;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fi.arkisto.app.embedded.OwnerOnlyFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * A development and test issuer of citizens' bearer tokens (docs/running.md, "A citizen's test token"): an RSA key
 * pair in a directory, its private key in {@value #PRIVATE_KEY_FILE} (owner-only) and its public key as the JWK set
 * {@value #JWK_SET_FILE} that {@code arkisto.citizen.jwk-set-file} makes the archive trust. Never a production issuer:
 * whoever holds the directory can vouch for anyone, which is why {@link CitizenTokenCommand} signs for test identity
 * codes only.
 */
public final class CitizenTestIssuer {

    public static final String JWK_SET_FILE = "jwks.json";
    static final String PRIVATE_KEY_FILE = "citizen-signing-key.json";
    public static final String DEFAULT_ISSUER = "urn:arkisto:citizen-token:test";

    private final RSAKey key;
    private final Path directory;

    private CitizenTestIssuer(RSAKey key, Path directory) {
        this.key = key;
        this.directory = directory;
    }

    /** The issuer whose key is in the directory, or a new one whose key pair is written there. */
    public static CitizenTestIssuer openOrCreate(Path directory) {
        Path privateKey = directory.resolve(PRIVATE_KEY_FILE);
        try {
            if (Files.exists(privateKey)) {
                RSAKey key = RSAKey.parse(Files.readString(privateKey, StandardCharsets.UTF_8));
                if (!key.isPrivate()) {
                    throw new IllegalArgumentException(privateKey + " holds no private key");
                }
                CitizenTestIssuer issuer = new CitizenTestIssuer(key, directory);
                issuer.writeJwkSet();
                return issuer;
            }
            OwnerOnlyFiles.directory(directory);
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true).generate();
            OwnerOnlyFiles.writeString(privateKey, key.toJSONString());
            CitizenTestIssuer issuer = new CitizenTestIssuer(key, directory);
            issuer.writeJwkSet();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the key in " + directory, e);
        } catch (ParseException e) {
            throw new IllegalArgumentException(privateKey + " is not an RSA JWK: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    /** The public JWK set file: what the archive trusts. */
    public Path jwkSetFile() {
        return directory.resolve(JWK_SET_FILE);
    }

    /** The public keys, as the archive reads them. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    private void writeJwkSet() throws IOException {
        // public keys only; rewritten on each use so that it always matches the private key beside it
        Files.writeString(jwkSetFile(), publicKeys().toString(true), StandardCharsets.UTF_8);
    }

    /**
     * A signed token (RS256) naming the identity code in the claim, issued now and expiring after the lifetime.
     * The caller decides whose code it may be ({@link CitizenTokenCommand} signs test codes only).
     */
    public String token(String claim, String identityCode, String issuer, Instant now, Duration lifetime) {
        return token(claim, identityCode, issuer, now, lifetime, java.util.Map.of());
    }

    /** The same, with further claims (e.g. the minors a guardian may act for). */
    public String token(String claim, String identityCode, String issuer, Instant now, Duration lifetime,
                        java.util.Map<String, Object> more) {
        Objects.requireNonNull(identityCode, "identityCode");
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).subject(identityCode)
                .claim(claim, identityCode).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        more.forEach(builder::claim);
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the token", e);
        }
        return jwt.serialize();
    }
}

package fi.arkisto.app.citizen;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CitizenTokenCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String TEST_CODE = "010190-900P";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CitizenTokenCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void printsATokenForATestCodeThatVerifiesWithTheWrittenJwkSet(@TempDir Path keys) throws Exception {
        // when
        int status = run("--hetu", TEST_CODE, "--key-dir", keys.toString(), "--issuer", "urn:test", "--minutes", "15");

        // then the only line printed is a token signed by the key of the written JWK set, for the code, 15 minutes
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed()).doesNotContain("\n");
        SignedJWT token = SignedJWT.parse(printed());
        RSAKey key = JWKSet.load(keys.resolve("jwks.json").toFile()).getKeys().get(0).toRSAKey();
        assertThat(key.isPrivate()).as("the JWK set the archive reads holds no private key").isFalse();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(token.getJWTClaimsSet().getStringClaim("urn:oid:1.2.246.21")).isEqualTo(TEST_CODE);
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("urn:test");
        assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("arkisto.citizen.jwk-set-file=")
                .doesNotContain(TEST_CODE);
        // and the private key is the owner's only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                keys.resolve(CitizenTestIssuer.PRIVATE_KEY_FILE)))).isEqualTo("rw-------");
    }

    @Test
    void vouchesForTheMinorsOfAGuardianInTheGuardianClaimAndRefusesARealCodeAmongThem(@TempDir Path keys)
            throws Exception {
        // when a guardian's token is asked for two test codes
        int status = run("--hetu", TEST_CODE, "--key-dir", keys.toString(), "--guardian-of", "020315A901M,030512A9025");

        // then they are the guardian claim's array
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(SignedJWT.parse(printed()).getJWTClaimsSet().getStringListClaim("urn:arkisto:guardian-of"))
                .containsExactly("020315A901M", "030512A9025");
        // and a real person's code among them is refused, printing nothing
        out.reset();
        assertThat(run("--hetu", TEST_CODE, "--key-dir", keys.toString(), "--guardian-of", "020315A901M,010190-123M"))
                .isEqualTo(1);
        assertThat(printed()).isEmpty();
    }

    @Test
    void reusesTheKeyPairOfTheDirectory(@TempDir Path keys) throws Exception {
        // given a first token
        assertThat(run("--hetu", TEST_CODE, "--key-dir", keys.toString())).isZero();
        String jwks = Files.readString(keys.resolve("jwks.json"));
        String first = printed();
        out.reset();

        // when a second is made with the same directory
        assertThat(run("--hetu", "010190-901R", "--key-dir", keys.toString())).isZero();

        // then the same key signs it, and the first token still verifies with the (unchanged) JWK set
        assertThat(Files.readString(keys.resolve("jwks.json"))).isEqualTo(jwks);
        RSAKey key = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
        assertThat(SignedJWT.parse(printed()).verify(new RSASSAVerifier(key))).isTrue();
        assertThat(SignedJWT.parse(first).verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void refusesARealIdentityCodeAndAnInvalidOneAndWritesNoKey(@TempDir Path keys) {
        // a real individual number (002-899), and a wrong check character
        assertThat(run("--hetu", "010190-123M", "--key-dir", keys.resolve("a").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("only test identity codes");
        assertThat(run("--hetu", "010190-900X", "--key-dir", keys.resolve("b").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("check character");
        assertThat(printed()).isEmpty();
        assertThat(keys.resolve("a")).doesNotExist();
        assertThat(keys.resolve("b")).doesNotExist();
    }

    @Test
    void aWrongCommandLineIsStatusTwo(@TempDir Path keys) {
        assertThat(run("--hetu", TEST_CODE)).isEqualTo(2);
        assertThat(run("--hetu", TEST_CODE, "--key-dir", keys.toString(), "--minutes", "0")).isEqualTo(2);
        assertThat(run("--hetu", TEST_CODE, "--key-dir", keys.toString(), "--minutes", "1441")).isEqualTo(2);
        assertThat(run("--hetu", TEST_CODE, "--key-dir", keys.toString(), "--colour", "red")).isEqualTo(2);
        assertThat(run("--hetu")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(CitizenTokenCommand.USAGE);
        assertThat(printed()).isEmpty();
    }
}

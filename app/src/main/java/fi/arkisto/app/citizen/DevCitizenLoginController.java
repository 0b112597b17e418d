package fi.arkisto.app.citizen;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.PersonalIdentityCode;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The dev profile's login of the citizen's page (docs/running.md, "The citizen's page"): a test identity code typed
 * in, a token signed for it by the development issuer ({@link CitizenTestIssuer}) whose key the dev profile's
 * {@code arkisto.citizen.jwk-set-file} trusts. Only in the dev profile: elsewhere the path does not exist (404), and
 * citizens come with their identity provider's token. Test identity codes only (individual number 900-999), as
 * {@code citizen-token}: whoever reaches a dev archive could otherwise vouch for a real person.
 */
@Profile("dev")
@Hidden
@RestController
class DevCitizenLoginController {

    static final String PATH = "/oma/dev-login";
    static final Duration LIFETIME = Duration.ofMinutes(60);

    private final CitizenTestIssuer issuer;
    private final String issuerName;
    private final String claim;

    DevCitizenLoginController(CitizenProperties properties) {
        Path keys = properties.jwkSetFile();
        if (keys == null || !keys.getFileName().toString().equals(CitizenTestIssuer.JWK_SET_FILE)) {
            throw new IllegalStateException("The dev profile's citizen login needs arkisto.citizen.jwk-set-file set to "
                    + "a " + CitizenTestIssuer.JWK_SET_FILE + " of its own key directory");
        }
        this.issuer = devIssuer(properties);
        this.issuerName = properties.issuer() == null ? CitizenTestIssuer.DEFAULT_ISSUER : properties.issuer();
        this.claim = properties.identityClaim();
    }

    /**
     * The development issuer of the configured key directory, its key pair written there if new. The citizen API's
     * chain opens it before it reads the JWK set file, so that a fresh dev data directory starts.
     */
    static CitizenTestIssuer devIssuer(CitizenProperties properties) {
        return CitizenTestIssuer.openOrCreate(properties.jwkSetFile().toAbsolutePath().getParent());
    }

    /** Whether the dev login is there: the page shows its form only then. */
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> available() {
        return Map.of("available", true, "issuer", issuerName);
    }

    /** A token for the test identity code, valid {@link #LIFETIME}. */
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> login(@RequestBody Map<String, Object> body) {
        Object value = body.get("identityCode");
        if (!(value instanceof String code)) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "identityCode is required");
        }
        // a malformed code or a wrong check character: INVALID_IDENTITY_CODE
        PersonalIdentityCode identity = PersonalIdentityCode.of(code.strip());
        if (!identity.isTestCode()) {
            throw new ArchiveException(ErrorCode.CITIZEN_DEV_LOGIN_REAL_IDENTITY_CODE, "Type a test identity code "
                    + "(individual number 900-999)");
        }
        Instant now = Instant.now();
        return Map.of("token", issuer.token(claim, identity.value(), issuerName, now, LIFETIME),
                "expiresAt", now.plus(LIFETIME).toString());
    }
}

package fi.arkisto.app.citizen;

import fi.arkisto.store.identity.PersonalIdentityCode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code citizen-token --hetu CODE --key-dir DIR [--issuer ISS] [--minutes N] [--claim NAME] [--guardian-of CODES]}:
 * prints a bearer
 * token of the development and test issuer in DIR ({@link CitizenTestIssuer}, key pair written on first use) for a
 * test identity code (individual number 900-999) only, so that the citizen API can be tried without an identity
 * provider (docs/running.md, "A citizen's test token"). The token is the only line on standard output; what to
 * configure goes to standard error. Exit status 0 when printed, 1 when refused or the key cannot be used, 2 for a
 * wrong command line.
 */
public final class CitizenTokenCommand {

    static final String USAGE = "usage: citizen-token --hetu CODE --key-dir DIR [--issuer ISS] [--minutes N (1-1440, "
            + "default 60)] [--claim NAME (default urn:oid:1.2.246.21)] [--guardian-of CODE,... "
            + "[--guardian-claim NAME (default " + "urn:arkisto:guardian-of" + ")]]";
    static final String DEFAULT_GUARDIAN_CLAIM = "urn:arkisto:guardian-of";
    static final String DEFAULT_CLAIM = "urn:oid:1.2.246.21";
    static final int MAX_MINUTES = 24 * 60;

    private CitizenTokenCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err, Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        String hetu = null;
        Path keys = null;
        String issuer = CitizenTestIssuer.DEFAULT_ISSUER;
        String claim = DEFAULT_CLAIM;
        String minutes = "60";
        String guardianOf = null;
        String guardianClaim = DEFAULT_GUARDIAN_CLAIM;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--hetu" -> hetu = value;
                case "--key-dir" -> keys = value == null ? null : Path.of(value);
                case "--issuer" -> issuer = value;
                case "--minutes" -> minutes = value;
                case "--claim" -> claim = value;
                case "--guardian-of" -> guardianOf = value;
                case "--guardian-claim" -> guardianClaim = value;
                default -> {
                    err.println("Unknown option " + args[i]);
                    err.println(USAGE);
                    return 2;
                }
            }
            if (value == null) {
                err.println(args[i] + " needs a value");
                err.println(USAGE);
                return 2;
            }
            i++;
        }
        if (hetu == null || keys == null) {
            err.println(USAGE);
            return 2;
        }
        int lifetime;
        try {
            lifetime = Integer.parseInt(minutes);
        } catch (NumberFormatException e) {
            lifetime = -1;
        }
        if (lifetime < 1 || lifetime > MAX_MINUTES) {
            err.println("--minutes must be 1-" + MAX_MINUTES);
            return 2;
        }
        String problem = PersonalIdentityCode.problemWith(hetu);
        if (problem != null) {
            err.println("Refused: --hetu is not a valid personal identity code: " + problem);
            return 1;
        }
        if (!PersonalIdentityCode.of(hetu).isTestCode()) {
            // a key anyone can hold must never vouch for a real person
            err.println("Refused: only test identity codes (individual number 900-999) get a test token");
            return 1;
        }
        List<String> minors = new ArrayList<>();
        if (guardianOf != null) {
            for (String minor : guardianOf.split(",")) {
                String code = minor.strip();
                String invalid = PersonalIdentityCode.problemWith(code);
                if (invalid != null || !PersonalIdentityCode.of(code).isTestCode()) {
                    err.println("Refused: --guardian-of takes test identity codes only: " + (invalid != null ? invalid
                            : PersonalIdentityCode.of(code).masked() + " is not one"));
                    return 1;
                }
                minors.add(code);
            }
        }
        CitizenTestIssuer testIssuer;
        try {
            testIssuer = CitizenTestIssuer.openOrCreate(keys);
        } catch (RuntimeException e) {
            err.println("Cannot use the key in " + keys + ": " + e.getMessage());
            return 1;
        }
        out.println(testIssuer.token(claim, hetu, issuer, clock.instant(), Duration.ofMinutes(lifetime),
                minors.isEmpty() ? Map.of() : Map.of(guardianClaim, minors)));
        err.println("Signed for " + PersonalIdentityCode.of(hetu).masked() + ", valid " + lifetime + " minutes. For "
                + "development and tests only, the archive trusts it with arkisto.citizen.jwk-set-file="
                + testIssuer.jwkSetFile().toAbsolutePath() + " (and arkisto.citizen.issuer=" + issuer + ")"
                + (minors.isEmpty() ? "" : "; it vouches for " + minors.size() + " minors in " + guardianClaim
                + " (arkisto.citizen.guardian-of-claim=" + guardianClaim + ")"));
        return 0;
    }
}

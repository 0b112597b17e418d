package fi.arkisto.testkit.pki;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.identity.Oid;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code pki --out DIR --organisation OID [--organisation-name NAME] [--professionals N] [--password-env VAR]}:
 * writes a {@link TestPki} for development and deployment tests ({@code java -jar arkisto-app.jar pki ...}), and
 * {@code DIR/tls.properties}: the server's mutual TLS configuration with this PKI's server key and client trust
 * anchors, for {@code --spring.config.import=file:DIR/tls.properties}.
 * The PKCS#12 password is read from the environment variable {@code VAR} (default
 * {@code ARKISTO_SYSTEM_SIGNER_PASSWORD}, the variable the archive's system signer reads), never from the command line;
 * {@code tls.properties} names that variable, never the password.
 * Exit codes: 0 done, 2 usage error.
 */
public final class TestPkiCommand {

    static final String DEFAULT_PASSWORD_ENV = "ARKISTO_SYSTEM_SIGNER_PASSWORD";
    /** The SSL bundle name {@code tls.properties} gives the server's key store. */
    static final String TLS_BUNDLE = "arkisto-test-pki";
    static final String USAGE = "usage: pki --out DIR --organisation OID [--organisation-name NAME] [--professionals N] "
            + "[--password-env VAR (default " + DEFAULT_PASSWORD_ENV + ")]";
    private static final Set<String> OPTIONS = Set.of("--out", "--organisation", "--organisation-name", "--professionals", "--password-env");

    private TestPkiCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System::getenv, System.out, System.err);
    }

    static int run(String[] args, Function<String, String> environment, PrintStream out, PrintStream err) {
        Map<String, String> values = new HashMap<>();
        int i = args.length > 0 && "pki".equals(args[0]) ? 1 : 0;
        for (; i < args.length; i++) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                err.println("unknown or incomplete option: " + args[i]);
                err.println(USAGE);
                return 2;
            }
            values.put(args[i], args[++i]);
        }
        if (!values.containsKey("--out") || !values.containsKey("--organisation")) {
            err.println(USAGE);
            return 2;
        }
        Oid organisation;
        int professionals;
        try {
            organisation = Oid.of(values.get("--organisation"));
            professionals = Integer.parseInt(values.getOrDefault("--professionals", "2"));
            if (professionals < 1 || professionals > 100) {
                throw new NumberFormatException("--professionals must be 1..100");
            }
        } catch (ArchiveException | NumberFormatException e) {
            err.println("invalid option value: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String passwordEnv = values.getOrDefault("--password-env", DEFAULT_PASSWORD_ENV);
        String password = environment.apply(passwordEnv);
        if (password == null || password.isEmpty()) {
            err.println("set the PKCS#12 password in the environment variable " + passwordEnv);
            return 2;
        }
        String organisationName = values.getOrDefault("--organisation-name", "Organisaatio " + organisation.value());
        Path directory = Path.of(values.get("--out"));
        TestPki pki = TestPki.create(organisation, organisationName, professionals, Instant.now());
        pki.writeTo(directory, password.toCharArray());
        Path tls = writeTlsProperties(directory, passwordEnv);
        out.printf("wrote a test PKI for %s to %s%n", organisation.value(), directory.toAbsolutePath());
        out.printf("  arkisto.signature.trust-anchors=%s%n", directory.resolve("trust-anchors").toAbsolutePath());
        out.printf("  arkisto.signature.system-signer.keystore=%s%n", directory.resolve("system.p12").toAbsolutePath());
        out.printf("  arkisto.signature.system-signer.alias=%s%n", TestPki.SYSTEM_ALIAS);
        out.printf("  arkisto.signature.system-signer.password-env=%s%n", passwordEnv);
        out.printf("mutual TLS (server key server.p12, client keys client.p12, expired-client.p12, revoked-client.p12):%n");
        out.printf("  --spring.config.import=file:%s%n", tls);
        return 0;
    }

    /**
     * The server's TLS key store as a Spring Boot SSL bundle and the trusted issuers of client certificates, with
     * absolute paths; the key store password stays in the environment ({@code ${VAR}}).
     */
    static Path writeTlsProperties(Path directory, String passwordEnv) {
        Path absolute = directory.toAbsolutePath().normalize();
        String bundle = "spring.ssl.bundle.jks." + TLS_BUNDLE;
        String text = String.join("\n",
                "# Mutual TLS with the test PKI in this directory (docs/running.md, \"Transport security\"):",
                "#   java -jar arkisto-app.jar --spring.config.import=file:" + escape(absolute.resolve("tls.properties").toString()),
                "server.ssl.bundle=" + TLS_BUNDLE,
                bundle + ".keystore.location=file:" + escape(absolute.resolve("server.p12").toString()),
                bundle + ".keystore.type=PKCS12",
                bundle + ".keystore.password=${" + passwordEnv + "}",
                bundle + ".key.alias=" + TestPki.SERVER_ALIAS,
                "arkisto.security.client-certificates.trust-anchors=" + escape(absolute.resolve("client-trust-anchors").toString()),
                "");
        Path file = absolute.resolve("tls.properties");
        try {
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** A value as java.util.Properties reads it back (backslashes escaped; the rest of a path is literal). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}

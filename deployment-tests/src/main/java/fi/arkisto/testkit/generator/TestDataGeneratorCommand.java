package fi.arkisto.testkit.generator;

import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.signature.DocumentSigner;
import fi.arkisto.store.signature.SystemSigner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code generate --count N --out DIR [--seed S] [--organisation OID] [--organisation-name NAME] [--today YYYY-MM-DD]
 * [--providers OID,OID] [--keystore system.p12 --keystore-password-env VAR [--keystore-alias A]
 * [--professional-keystore professional.p12 [--professional-keystore-alias A]]]}:
 * the command line of the test data generator ({@code java -jar arkisto-app.jar generate ...}). {@code --providers}
 * names the outsourced providers (default {@link GeneratorOptions#DEFAULT_PROVIDERS}; {@code none} for none).
 *
 * <p>With {@code --keystore} every document is signed with that PKCS#12 system certificate as a client information
 * system signs (type 3); with {@code --professional-keystore} too, decisions and statements are signed with that
 * professional certificate (type 1) instead, as the archive requires. The password comes from the environment
 * variable named by {@code --keystore-password-env}, never from the command line. Signed output carries the signing
 * time, so it differs from run to run; unsigned output is byte-identical for the same seed.
 * Exit codes: 0 done, 2 usage error, 1 the keystore cannot be used.
 */
public final class TestDataGeneratorCommand {

    static final String USAGE = "usage: generate --count N --out DIR [--seed S] [--organisation OID] "
            + "[--organisation-name NAME] [--today YYYY-MM-DD] [--providers OID,OID|none] "
            + "[--keystore system.p12 --keystore-password-env VAR "
            + "[--keystore-alias A] [--professional-keystore professional.p12 [--professional-keystore-alias A]]]";
    private static final Set<String> OPTIONS = Set.of("--count", "--out", "--seed", "--organisation",
            "--organisation-name", "--today", "--providers", "--keystore", "--keystore-password-env", "--keystore-alias",
            "--professional-keystore", "--professional-keystore-alias");

    private TestDataGeneratorCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System::getenv);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        int i = 0;
        if (args.length > 0 && "generate".equals(args[0])) {
            i = 1;
        }
        for (; i < args.length; i++) {
            String name = args[i];
            if (!OPTIONS.contains(name) || i + 1 >= args.length) {
                err.println("unknown or incomplete option: " + name);
                err.println(USAGE);
                return 2;
            }
            values.put(name, args[++i]);
        }
        if (!values.containsKey("--count") || !values.containsKey("--out")) {
            err.println(USAGE);
            return 2;
        }
        GeneratorOptions.Builder builder = GeneratorOptions.builder();
        try {
            int count = Integer.parseInt(values.get("--count"));
            if (count < 0) {
                throw new NumberFormatException("negative");
            }
            builder.count(count).outDir(Path.of(values.get("--out")));
            if (values.containsKey("--seed")) {
                builder.seed(Long.parseLong(values.get("--seed")));
            }
            if (values.containsKey("--organisation")) {
                builder.organisation(Oid.of(values.get("--organisation")));
                builder.organisationName("Organisaatio " + values.get("--organisation"));
            }
            if (values.containsKey("--organisation-name")) {
                builder.organisationName(values.get("--organisation-name"));
            }
            if (values.containsKey("--today")) {
                builder.today(java.time.LocalDate.parse(values.get("--today")));
            }
            if (values.containsKey("--providers")) {
                String providers = values.get("--providers");
                builder.providers("none".equals(providers) ? java.util.List.of()
                        : java.util.Arrays.stream(providers.split(",")).map(String::strip).map(Oid::of).toList());
            }
            builder.build();
        } catch (ArchiveException | java.time.format.DateTimeParseException | IllegalArgumentException e) {
            err.println("invalid option value: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (values.containsKey("--keystore")) {
            String variable = values.get("--keystore-password-env");
            String password = variable == null ? null : environment.apply(variable);
            if (password == null) {
                err.println("--keystore needs --keystore-password-env naming a set environment variable");
                err.println(USAGE);
                return 2;
            }
            try {
                SystemSigner system = SystemSigner.fromPkcs12(Path.of(values.get("--keystore")), password.toCharArray(),
                        values.get("--keystore-alias"), Clock.systemUTC());
                builder.signer(system::sign);
                if (values.containsKey("--professional-keystore")) {
                    DocumentSigner professional = DocumentSigner.fromPkcs12(
                            Path.of(values.get("--professional-keystore")), password.toCharArray(),
                            values.get("--professional-keystore-alias"), SignatureType.PROFESSIONAL, Clock.systemUTC());
                    builder.professionalSigner(professional::sign);
                } else {
                    err.println("note: without --professional-keystore decisions and statements carry only the system "
                            + "signature, and the archive refuses them (PROFESSIONAL_SIGNATURE_REQUIRED)");
                }
            } catch (RuntimeException e) {
                err.println("cannot sign with the keystore: " + e.getMessage());
                return 1;
            }
        } else if (values.containsKey("--professional-keystore")) {
            err.println("--professional-keystore needs --keystore");
            err.println(USAGE);
            return 2;
        }
        long started = System.nanoTime();
        TestDataGenerator.GenerationSummary summary = new TestDataGenerator(builder.build()).write();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("wrote %d documents (%d bytes) to %s in %.1f s; manifest %s; %d access records %s%n",
                summary.documents(), summary.bytes(), summary.directory(), seconds, summary.manifest(),
                summary.accessRecords(), summary.accessRecordsFile());
        return 0;
    }
}

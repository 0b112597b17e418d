package fi.arkisto.testkit.generator;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.identity.Oid;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code generate --count N --out DIR [--seed S] [--organisation OID] [--organisation-name NAME] [--today YYYY-MM-DD]}:
 * the command line of the test data generator ({@code java -jar arkisto-app.jar generate ...}).
 * Exit codes: 0 done, 2 usage error.
 */
public final class TestDataGeneratorCommand {

    static final String USAGE = "usage: generate --count N --out DIR [--seed S] [--organisation OID] "
            + "[--organisation-name NAME] [--today YYYY-MM-DD]";
    private static final Set<String> OPTIONS = Set.of("--count", "--out", "--seed", "--organisation",
            "--organisation-name", "--today");

    private TestDataGeneratorCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
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
        } catch (NumberFormatException | ArchiveException | java.time.format.DateTimeParseException e) {
            err.println("invalid option value: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        long started = System.nanoTime();
        TestDataGenerator.GenerationSummary summary = new TestDataGenerator(builder.build()).write();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("wrote %d documents (%d bytes) to %s in %.1f s; manifest %s%n", summary.documents(),
                summary.bytes(), summary.directory(), seconds, summary.manifest());
        return 0;
    }
}

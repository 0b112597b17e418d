package fi.arkisto.testkit.legacy;

import java.nio.file.Path;

/**
 * {@code legacy-package --count N --out DIR [--bad-percent 1] [--seed 1] [--controller OID] [--file-bytes 2048] [--zip]
 * [--scan-bytes N]}:
 * writes a synthetic legacy export package (docs/legacy-package.md) and its {@code expected-rejects.csv}.
 * Dispatched by the app jar ({@code java -jar arkisto-app.jar legacy-package ...}).
 */
public final class LegacyPackageCommand {

    private LegacyPackageCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        long count = -1;
        Path out = null;
        double badPercent = 1.0;
        long seed = 1;
        String controller = LegacyPackageOptions.DEFAULT_CONTROLLER;
        int fileBytes = 2048;
        boolean zip = false;
        long scanBytes = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "legacy-package" -> { }
                    case "--count" -> count = Long.parseLong(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--bad-percent" -> badPercent = Double.parseDouble(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--controller" -> controller = args[++i];
                    case "--file-bytes" -> fileBytes = Integer.parseInt(args[++i]);
                    case "--zip" -> zip = true;
                    case "--scan-bytes" -> scanBytes = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (count < 0 || out == null) {
                throw new IllegalArgumentException("--count and --out are required");
            }
            var options = new LegacyPackageOptions(count, out, badPercent, seed, controller, fileBytes, zip, scanBytes);
            LegacyPackageGenerator.Result result = LegacyPackageGenerator.generate(options);
            System.out.printf("Wrote %s: %d rows, %d deliberately bad (listed in %s)%n", result.manifestOrZip(), result.rows(),
                    result.badRows(), result.expectedRejects());
            return 0;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("legacy-package: " + e.getMessage());
            System.err.println("usage: legacy-package --count N --out DIR [--bad-percent 1] [--seed 1] [--controller OID]"
                    + " [--file-bytes 2048] [--zip] [--scan-bytes N]");
            return 2;
        } catch (Exception e) {
            System.err.println("legacy-package failed: " + e.getMessage());
            return 1;
        }
    }
}

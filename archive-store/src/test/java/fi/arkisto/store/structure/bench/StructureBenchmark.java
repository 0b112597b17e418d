package fi.arkisto.store.structure.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.cda.SecureXml;
import fi.arkisto.store.display.DisplayFormCheck;
import fi.arkisto.store.display.DisplayFormIdentityCheck;
import fi.arkisto.store.display.DisplayFormSafety;
import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.structure.StructureCatalogue;
import fi.arkisto.store.structure.StructureCheck;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: rates of the structure check, the display form check and PDF rendering per CPU second, against raw
 * baselines measured in the same run on the same bytes (Jackson parsing the structured form, {@link SecureXml}
 * parsing the display form). Documents: the real sample and 24 generated ones (every structure the generator writes).
 * Arguments: [seconds per measurement (default 3)]. See bench/structure/README.md.
 */
public final class StructureBenchmark {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    interface Op {
        void run(int i) throws Exception;
    }

    record Rate(double perWallSecond, double perCpuSecond) {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        CdaParser parser = new CdaParser();
        List<ParsedDocument> documents = new ArrayList<>();
        documents.add(parser.parse(resource("kanta/asiakkuusasiakirja_S.xml")));
        for (String line : new String(resource("structure/generated/manifest.csv"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("sequence") && !line.isBlank()) {
                documents.add(parser.parse(resource("structure/generated/" + line.split(",")[1])));
            }
        }
        List<ParsedDocument> structured = documents.stream().filter(d -> d.structuredForm() != null).toList();
        ObjectMapper json = new ObjectMapper();
        StructureCheck structureCheck = new StructureCheck(StructureCatalogue.shipped());
        DisplayFormCheck displayFormCheck = new DisplayFormCheck(new DisplayFormSafety());
        PdfRenderer pdf = new PdfRenderer();
        int n = documents.size();
        int s = structured.size();
        System.out.printf("Structure benchmark: %d documents (%d structured), %.1f s per measurement, 1 thread, JDK %s%n",
                n, s, seconds, System.getProperty("java.version"));

        Rate rawJson = measure("raw JSON parse of the structured form (Jackson readTree)", seconds,
                i -> json.readTree(structured.get(i % s).structuredForm()));
        Rate structure = measure("StructureCheck (header rules, JSON parse, schema, cross-checks)", seconds,
                i -> structureCheck.check(structured.get(i % s), new ValidationReport()));
        Rate rawXml = measure("raw XHTML parse of the display form (SecureXml)", seconds,
                i -> SecureXml.parseDocument(documents.get(i % n).displayForm()));
        Rate display = measure("DisplayFormCheck (SecureXml parse + allowlist walk)", seconds,
                i -> displayFormCheck.check(documents.get(i % n), new ValidationReport()));
        DisplayFormIdentityCheck identityCheck = new DisplayFormIdentityCheck();
        Intake online = Intake.of(IngestChannel.REST, java.time.Instant.now());
        Rate identity = measure("DisplayFormIdentityCheck (SAX text of the display form, codes)", seconds,
                i -> identityCheck.check(documents.get(i % n), online, new ValidationReport()));
        Rate rendering = measure("PdfRenderer.render (check + layout + embedded font subset)", seconds,
                i -> pdf.render(documents.get(i % n).displayForm()));

        System.out.printf("Ratios per CPU second: StructureCheck / raw JSON parse %.2f; DisplayFormCheck / raw XHTML "
                        + "parse %.2f; DisplayFormIdentityCheck / raw XHTML parse %.2f; PDF rendering / raw XHTML parse %.4f%n",
                structure.perCpuSecond() / rawJson.perCpuSecond(), display.perCpuSecond() / rawXml.perCpuSecond(),
                identity.perCpuSecond() / rawXml.perCpuSecond(), rendering.perCpuSecond() / rawXml.perCpuSecond());
    }

    private static Rate measure(String name, double seconds, Op op) throws Exception {
        // warm-up: let the JIT compile the path before it is timed
        long warmUntil = System.nanoTime() + (long) (seconds * 0.5e9);
        int i = 0;
        while (System.nanoTime() < warmUntil) {
            op.run(i++);
        }
        long wallStart = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long until = wallStart + (long) (seconds * 1e9);
        long count = 0;
        while (System.nanoTime() < until) {
            op.run(i++);
            count++;
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        Rate rate = new Rate(count / wall, count / cpu);
        System.out.printf("  %-62s %10.1f /wall s %10.1f /CPU s%n", name, rate.perWallSecond(), rate.perCpuSecond());
        return rate;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StructureBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }
}

package fi.arkisto.testkit.generator;

import fi.arkisto.testkit.generator.GeneratorCodes.DocumentGroup;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentType;
import fi.arkisto.testkit.generator.GeneratorCodes.ServiceTask;
import fi.arkisto.testkit.generator.SyntheticPopulation.Person;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Writes synthetic Kanta social welfare documents (issue 2, "Test data"): per synthetic client one client
 * relationship document, cases whose documents share an encompassingEncounter id (now and then mutual cases shared
 * with the next client, a family member), other client documents, now and
 * then an old (pre-joining, unstructured) document, and replacements (version 2 of a set with a reason of correction
 * and relatedDocument RPLC), always after the version they replace. Test identity codes only (DESIGN invariant 8).
 *
 * <p>Deterministic: the same options give the same documents (before signing). Streaming: documents are produced one
 * client at a time, so a million documents never sit in memory. OIDs are the organisation's root plus the seed plus
 * counters, so runs with different seeds never collide.
 */
public final class TestDataGenerator {

    public static final String MANIFEST = "manifest.csv";
    static final String MANIFEST_HEADER = "sequence,file,documentOid,setId,versionNumber,replacesDocumentOid,clientId,"
            + "controllerOid,serviceUnitOid,documentGroup,generalDocumentType,serviceTask,contentSpecificationId,caseId,"
            + "clientRelationshipId,sha256";
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final GeneratorOptions options;

    public TestDataGenerator(GeneratorOptions options) {
        this.options = options;
    }

    /** The documents, lazily, in archiving order. */
    public Stream<GeneratedDocument> documents() {
        return StreamSupport.stream(Spliterators.spliterator(new DocumentIterator(options), options.count(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /** Writes every document as {@code <sequence>-<documentOid>.xml} plus {@value #MANIFEST} into {@code outDir}. */
    public GenerationSummary write(Path outDir) {
        try {
            Files.createDirectories(outDir);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long written = 0;
            long bytes = 0;
            try (BufferedWriter manifest = Files.newBufferedWriter(outDir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                manifest.write(MANIFEST_HEADER);
                manifest.write('\n');
                Iterator<GeneratedDocument> documents = new DocumentIterator(options);
                while (documents.hasNext()) {
                    GeneratedDocument document = documents.next();
                    Files.write(outDir.resolve(document.fileName()), document.xml());
                    manifest.write(manifestLine(document, HexFormat.of().formatHex(sha256.digest(document.xml()))));
                    manifest.write('\n');
                    written++;
                    bytes += document.xml().length;
                }
            }
            return new GenerationSummary(written, bytes, outDir, outDir.resolve(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes into {@link GeneratorOptions#outDir()}. */
    public GenerationSummary write() {
        if (options.outDir() == null) {
            throw new IllegalArgumentException("no output directory given");
        }
        return write(options.outDir());
    }

    static String manifestLine(GeneratedDocument d, String sha256) {
        return String.join(",", Long.toString(d.sequence()), d.fileName(), d.documentOid(), d.setId(),
                Integer.toString(d.versionNumber()), nz(d.replacesDocumentOid()), d.clientId(), d.controllerOid(),
                d.serviceUnitOid(), d.documentGroup(), nz(d.generalDocumentType()), d.serviceTask(),
                nz(d.contentSpecificationId()), nz(d.caseId()), d.clientRelationshipId(), sha256);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /** Produces one client's documents at a time. */
    private static final class DocumentIterator implements Iterator<GeneratedDocument> {

        private final GeneratorOptions options;
        private final SplittableRandom random;
        private final String root;
        private final ArrayDeque<DocumentSpec> pending = new ArrayDeque<>();
        private long sequence;
        private long documentCounter;
        private long relationshipCounter;
        private long caseCounter;
        private SharedCase lastCase;

        DocumentIterator(GeneratorOptions options) {
            this.options = options;
            this.random = new SplittableRandom(options.seed());
            String organisation = options.organisation().value();
            String base = organisation.endsWith(".10.0")
                    ? organisation.substring(0, organisation.length() - ".10.0".length()) : organisation;
            // 95777 = the archive-document arc used by the sample's client system; the seed keeps runs apart.
            this.root = base + ".95777." + Long.toUnsignedString(options.seed());
        }

        @Override
        public boolean hasNext() {
            return sequence < options.count();
        }

        @Override
        public GeneratedDocument next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (pending.isEmpty()) {
                planClient();
            }
            DocumentSpec spec = pending.removeFirst();
            sequence++;
            byte[] xml = options.signerFor(spec.type()).apply(CdaWriter.write(spec));
            return new GeneratedDocument(sequence, spec.documentOid(), spec.setId(), spec.versionNumber(),
                    spec.replacesDocumentOid(), spec.client().identityCode(), spec.organisationOid(),
                    spec.serviceUnitOid(), spec.group().code, spec.type().code, spec.serviceTask().code(),
                    spec.type().structure, spec.caseId(), spec.clientRelationshipId(), xml);
        }

        private String nextDocumentOid() {
            return root + ".1." + (++documentCounter);
        }

        private void planClient() {
            LocalDate today = options.today();
            Person client = SyntheticPopulation.person(random, today);
            int taskIndex = random.nextInt(GeneratorCodes.SERVICE_TASKS.size());
            // Now and then the next client is a family member who becomes a party to the previous client's case:
            // a mutual case, the same encompassingEncounter id in both clients' documents.
            SharedCase joined = lastCase != null && random.nextInt(4) == 0 ? lastCase : null;
            if (joined != null) {
                taskIndex = joined.taskIndex();
            }
            ServiceTask task = GeneratorCodes.SERVICE_TASKS.get(taskIndex);
            String unitOid = options.organisation().value().endsWith(".10.0")
                    ? root.substring(0, root.indexOf(".95777.")) + ".10." + (2001001 + taskIndex)
                    : options.organisation().value() + "." + (2001001 + taskIndex);
            String unitName = task.unitName() + ", " + options.organisationName();
            String professional = SyntheticPopulation.professionalName(random);
            String professionalId = SyntheticPopulation.professionalIdentityCode(random, today);
            // A client's documents span at most ~260 days from the start: starting 300+ days back keeps them in the past.
            LocalDate start = today.minusDays(300 + random.nextInt(900));
            if (start.isBefore(client.birthDate())) {
                start = client.birthDate().plusDays(1);
            }
            String relationshipId = root + ".2." + (++relationshipCounter);
            // DESIGN: persons born on the 8th, 18th and 28th day are preserved permanently.
            int day = client.birthDate().getDayOfMonth();
            String retention = day == 8 || day == 18 || day == 28 ? "1" : "2";
            ZonedDateTime time = start.atTime(8 + random.nextInt(8), random.nextInt(60), random.nextInt(60))
                    .atZone(HELSINKI);
            Common c = new Common(client, task, professional, professionalId, unitOid, unitName, relationshipId, start,
                    retention);

            List<DocumentSpec> planned = new ArrayList<>();
            if (random.nextInt(8) == 0) {
                // An old document: written before the organisation joined the archive, unstructured, no case.
                ZonedDateTime old = time.minusYears(2 + random.nextInt(10));
                if (old.toLocalDate().isBefore(client.birthDate())) {
                    old = client.birthDate().plusDays(1).atTime(12, 0).atZone(HELSINKI);
                }
                planned.add(spec(c, DocumentGroup.OLD, DocumentType.OLD_DOCUMENT, old, null, null, null));
            }
            planned.add(spec(c, DocumentGroup.CLIENT_RELATIONSHIP, DocumentType.CLIENT_RELATIONSHIP, time, null, null,
                    null));
            int cases = random.nextInt(3);
            if (joined != null && cases == 0) {
                cases = 1;
            }
            for (int i = 0; i < cases; i++) {
                time = time.plusDays(1 + random.nextInt(30)).plusMinutes(random.nextInt(600));
                String caseId;
                LocalDate opened;
                String title;
                if (i == 0 && joined != null) {
                    caseId = joined.caseId();
                    opened = joined.opened();
                    title = joined.title();
                    if (time.toLocalDate().isBefore(opened)) {
                        time = opened.atTime(9, 0).atZone(HELSINKI);
                    }
                } else {
                    caseId = root + ".3." + (++caseCounter);
                    opened = notAfterToday(time).toLocalDate();
                    title = Texts.caseTitle(random, task);
                    lastCase = new SharedCase(caseId, opened, title, taskIndex);
                }
                int documents = 1 + random.nextInt(3);
                for (int d = 0; d < documents; d++) {
                    DocumentType type = d == documents - 1 && random.nextBoolean() ? DocumentType.DECISION
                            : random.nextBoolean() ? DocumentType.PLAN : DocumentType.STATEMENT;
                    time = time.plusDays(random.nextInt(20)).plusMinutes(1 + random.nextInt(600));
                    planned.add(spec(c, DocumentGroup.CASE, type, time, caseId, opened, title));
                }
            }
            int reports = random.nextInt(3);
            for (int i = 0; i < reports; i++) {
                time = time.plusDays(random.nextInt(40)).plusMinutes(1 + random.nextInt(600));
                planned.add(spec(c, DocumentGroup.OTHER, DocumentType.CLIENT_REPORT, time, null, null, null));
            }
            if (random.nextInt(5) == 0) {
                DocumentSpec original = planned.get(random.nextInt(planned.size()));
                time = time.plusDays(1 + random.nextInt(10));
                List<String> corrected = new ArrayList<>(original.paragraphs());
                corrected.add(Texts.correctionNote(random));
                planned.add(original.replacedBy(nextDocumentOid(), Texts.reasonOfCorrection(random),
                        notAfterToday(time), corrected));
            }
            pending.addAll(planned);
        }

        private DocumentSpec spec(Common c, DocumentGroup group, DocumentType type, ZonedDateTime time, String caseId,
                                  LocalDate opened, String title) {
            String oid = nextDocumentOid();
            time = notAfterToday(time);
            return new DocumentSpec(oid, oid, 1, null, null, group, type, c.task, c.client, c.professional,
                    c.professionalId, options.organisation().value(), options.organisationName(), c.unitOid,
                    c.unitName, time, caseId, opened, title, c.relationshipId, c.start, c.retention,
                    Texts.paragraphs(random, type));
        }

        /** Clients born recently start late; their documents still never lie after {@code today}. */
        private ZonedDateTime notAfterToday(ZonedDateTime time) {
            ZonedDateTime endOfToday = options.today().atTime(17, 0).atZone(HELSINKI);
            return time.isAfter(endOfToday) ? endOfToday : time;
        }

        private record SharedCase(String caseId, LocalDate opened, String title, int taskIndex) {
        }

        private record Common(Person client, ServiceTask task, String professional, String professionalId,
                              String unitOid, String unitName, String relationshipId, LocalDate start,
                              String retention) {
        }
    }

    /** What {@link #write(Path)} wrote. */
    public record GenerationSummary(long documents, long bytes, Path directory, Path manifest) {
    }
}

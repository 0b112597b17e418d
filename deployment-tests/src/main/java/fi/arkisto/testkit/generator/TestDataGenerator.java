package fi.arkisto.testkit.generator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Writes synthetic Kanta social welfare documents (the access facts of docs/access.md): per
 * synthetic client one client relationship document (now and then under non-disclosure, now and then naming an
 * outsourced provider's unit with its period, ended by a replacement), cases whose documents share an
 * encompassingEncounter id (now and then mutual cases shared with the next client, a family member, with a topic
 * document naming the parties and their periods), other client documents, now and then an old (pre-joining,
 * unstructured) document, and replacements (a new version of a set with a reason of correction and relatedDocument
 * RPLC), always after the version they replace. Beside them, the side file {@value #ACCESS_RECORDS}: the informing,
 * consents, denials and register access agreements to record through the API once the documents are archived
 * ({@link AccessRecordsLoader}). Test identity codes only (invariant 8 (docs/invariants.md)).
 *
 * <p>Deterministic: the same options give the same documents (before signing) and records. Streaming: documents are
 * produced one client at a time, so a million documents never sit in memory. OIDs are the organisation's root plus
 * the seed plus counters, so runs with different seeds never collide.
 */
public final class TestDataGenerator {

    public static final String MANIFEST = "manifest.csv";
    /** The side file of API calls recording the generated clients' informing, consents, denials and agreements. */
    public static final String ACCESS_RECORDS = "access-records.jsonl";
    static final String MANIFEST_HEADER = "sequence,file,documentOid,setId,versionNumber,replacesDocumentOid,clientId,"
            + "controllerOid,serviceUnitOid,documentGroup,generalDocumentType,serviceTask,contentSpecificationId,caseId,"
            + "clientRelationshipId,sha256";
    /** RFC 4180 quoting, but one {@code \n} per line as the manifest has always had. */
    private static final CSVFormat MANIFEST_FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(MANIFEST_HEADER.split(",")).setRecordSeparator('\n').get();

    private final GeneratorOptions options;

    public TestDataGenerator(GeneratorOptions options) {
        this.options = options;
    }

    /** The documents, lazily, in archiving order. */
    public Stream<GeneratedDocument> documents() {
        return StreamSupport.stream(Spliterators.spliterator(new DocumentIterator(options), options.count(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /**
     * The records of the clients of {@link #documents()} (planning them all, unsigned), in the order to make them:
     * an agreement before the first client served by its provider, each client's records after its documents.
     */
    public List<AccessRecord> accessRecords() {
        DocumentIterator documents = new DocumentIterator(options);
        List<AccessRecord> records = new ArrayList<>();
        while (documents.hasNext()) {
            documents.next();
            records.addAll(documents.drainRecords());
        }
        records.addAll(documents.drainRecords());
        return records;
    }

    /**
     * Writes every document as {@code <sequence>-<documentOid>.xml}, {@value #MANIFEST} and {@value #ACCESS_RECORDS}
     * into {@code outDir}.
     */
    public GenerationSummary write(Path outDir) {
        try {
            Files.createDirectories(outDir);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long written = 0;
            long bytes = 0;
            long records = 0;
            try (CSVPrinter manifest = MANIFEST_FORMAT.print(Files.newBufferedWriter(outDir.resolve(MANIFEST), StandardCharsets.UTF_8));
                 BufferedWriter side = Files.newBufferedWriter(outDir.resolve(ACCESS_RECORDS), StandardCharsets.UTF_8)) {
                DocumentIterator documents = new DocumentIterator(options);
                while (documents.hasNext()) {
                    GeneratedDocument document = documents.next();
                    Files.write(outDir.resolve(document.fileName()), document.xml());
                    manifest.printRecord(manifestRecord(document, HexFormat.of().formatHex(sha256.digest(document.xml()))));
                    written++;
                    bytes += document.xml().length;
                    records += writeRecords(side, documents.drainRecords());
                }
                records += writeRecords(side, documents.drainRecords());
            }
            return new GenerationSummary(written, bytes, outDir, outDir.resolve(MANIFEST), records,
                    outDir.resolve(ACCESS_RECORDS));
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

    static List<String> manifestRecord(GeneratedDocument d, String sha256) {
        return List.of(Long.toString(d.sequence()), d.fileName(), d.documentOid(), d.setId(),
                Integer.toString(d.versionNumber()), nz(d.replacesDocumentOid()), d.clientId(), d.controllerOid(),
                d.serviceUnitOid(), d.documentGroup(), nz(d.generalDocumentType()), d.serviceTask(),
                nz(d.contentSpecificationId()), nz(d.caseId()), d.clientRelationshipId(), sha256);
    }

    private static int writeRecords(BufferedWriter side, List<AccessRecord> records) throws IOException {
        for (AccessRecord record : records) {
            side.write(AccessRecordsLoader.line(record));
            side.write('\n');
        }
        return records.size();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /**
     * Produces one client's documents at a time. A client's records become available once the last of its documents
     * has been handed out (its documents must be archived before they are recorded).
     */
    private static final class DocumentIterator implements Iterator<GeneratedDocument> {

        private final GeneratorOptions options;
        private final ClientPlanner planner;
        private final ArrayDeque<DocumentSpec> pending = new ArrayDeque<>();
        private final List<AccessRecord> plannedRecords = new ArrayList<>();
        private final List<AccessRecord> readyRecords = new ArrayList<>();
        private long sequence;

        DocumentIterator(GeneratorOptions options) {
            this.options = options;
            this.planner = new ClientPlanner(options);
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
                ClientPlanner.Plan plan = planner.plan();
                pending.addAll(plan.documents());
                plannedRecords.addAll(plan.records());
            }
            DocumentSpec spec = pending.removeFirst();
            sequence++;
            if (pending.isEmpty()) {
                // the client's documents are all out: its records may follow
                readyRecords.addAll(plannedRecords);
                plannedRecords.clear();
            } else if (!hasNext()) {
                // the count cuts the client short: records about documents never written would be refused
                plannedRecords.stream().filter(record -> record.clientId() == null).forEach(readyRecords::add);
                plannedRecords.clear();
            }
            byte[] xml = options.signerFor(spec.type()).apply(CdaWriter.write(spec));
            return new GeneratedDocument(sequence, spec.documentOid(), spec.setId(), spec.versionNumber(),
                    spec.replacesDocumentOid(), spec.client().identityCode(), spec.organisationOid(),
                    spec.serviceUnitOid(), spec.group().code, spec.type().code, spec.serviceTask().code(),
                    spec.type().structure, spec.caseId(), spec.clientRelationshipId(), xml,
                    spec.effectiveTime().toLocalDate(), spec.restriction() == null ? null : spec.restriction().name(),
                    spec.parties().stream().map(p -> new GeneratedDocument.Party(p.person().identityCode(), p.start(),
                            p.end())).toList(), spec.nonDisclosure(), spec.locationData());
        }

        List<AccessRecord> drainRecords() {
            List<AccessRecord> drained = List.copyOf(readyRecords);
            readyRecords.clear();
            return drained;
        }
    }

    /** What {@link #write(Path)} wrote. */
    public record GenerationSummary(long documents, long bytes, Path directory, Path manifest, long accessRecords,
                                    Path accessRecordsFile) {
    }
}

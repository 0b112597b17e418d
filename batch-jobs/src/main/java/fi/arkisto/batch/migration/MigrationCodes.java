package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.Code;
import fi.arkisto.store.hl7.KantaCodeSystems;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The code values a manifest row may use (service task, general document type, retention class), with their
 * display names for the wrapped document's header. An operator points {@code arkisto.migration.codes-file} at a
 * CSV ({@code code_system,code,display_name}) exported from the national code server; the built-in list is a
 * subset for tests and demonstrations. A code outside the list is an "unknown code" reject (docs/legacy-package.md, "Rejects").
 */
public final class MigrationCodes {

    /** hl7fi:functionCode, Sosiaalihuolto - Palvelutehtävä. */
    public static final String SERVICE_TASK_SYSTEM = KantaCodeSystems.SERVICE_TASK;
    /** CDA code: general document type (code system 1.2.246.537.6.1506.201701). */
    public static final String DOCUMENT_TYPE_SYSTEM = KantaCodeSystems.DOCUMENT_TYPE;
    /** hl7fi:totalRetentionPeriodClass. */
    public static final String RETENTION_CLASS_SYSTEM = "1.2.246.537.6.1258.201601";

    private static final String BUILT_IN = "legacy-codes.csv";
    private final Map<String, Map<String, String>> displayNames;

    private MigrationCodes(Map<String, Map<String, String>> displayNames) {
        this.displayNames = displayNames;
    }

    public static MigrationCodes builtIn() {
        try (InputStream in = MigrationCodes.class.getResourceAsStream(BUILT_IN)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MigrationCodes fromFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the code list " + file, e);
        }
    }

    private static MigrationCodes read(Reader reader) throws IOException {
        Map<String, Map<String, String>> codes = new HashMap<>();
        for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            codes.computeIfAbsent(record.get("code_system"), k -> new HashMap<>())
                    .put(record.get("code"), record.get("display_name"));
        }
        return new MigrationCodes(codes);
    }

    public Optional<Code> lookup(String codeSystem, String code) {
        String display = displayNames.getOrDefault(codeSystem, Map.of()).get(code);
        return display == null ? Optional.empty() : Optional.of(new Code(code, codeSystem, display));
    }
}

package fi.arkisto.store.structure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.DisallowSchemaLoader;
import fi.arkisto.store.identity.Oid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The structures the archive knows, keyed by {@code hl7fi:contentSpecificationId} (kanta.fi, "Phase 2 functionalities in social welfare services":
 * "the archive verifies in the archiving stage that the documents are correct"): a JSON Schema per structure for the
 * JSON structured form, the header rules per document group and the document types of each structure
 * ({@link DocumentTypeRules}).
 *
 * <p>Schemas come from the classpath ({@code structures/<id>.schema.json}, shipped) and from the operator's directory
 * {@code arkisto.structures.dir} (same file names, no code change); the directory wins. A schema is compiled once
 * and cached; a file dropped into (or changed in) the directory is picked up at the next document that names it, at
 * the cost of one file-system stat per lookup. Schemas may not reference anything outside themselves: remote
 * {@code $ref}s are refused so validating a document never touches the network.
 */
public final class StructureCatalogue {

    static final String CLASSPATH_DIR = "structures/";
    static final String SCHEMA_SUFFIX = ".schema.json";
    static final String HEADER_RULES = "header-rules.json";
    static final String DOCUMENT_TYPES = "document-types.json";
    static final String CROSS_CHECKS_KEYWORD = "x-arkisto-crosschecks";

    private static final Logger log = LoggerFactory.getLogger(StructureCatalogue.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();

    private final Path dir;
    private final boolean allowUnknown;
    private final HeaderRules headerRules;
    private final DocumentTypeRules documentTypes;
    private final JsonSchemaFactory factory;
    private final Map<String, Structure> cache = new ConcurrentHashMap<>();

    public StructureCatalogue(StructureProperties properties) {
        this.dir = properties.dir();
        this.allowUnknown = properties.allowUnknown();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalStateException("arkisto.structures.dir is not a directory: " + dir);
        }
        // The cross-check pointers ride along in the schema as an annotation the validator ignores.
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .keyword(new NonValidationKeyword(CROSS_CHECKS_KEYWORD))
                .build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(metaSchema)
                        .schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance())));
        this.headerRules = loadRules(HEADER_RULES, HeaderRules::from);
        this.documentTypes = loadRules(DOCUMENT_TYPES, DocumentTypeRules::from);
        // An operator's broken schema should stop the start, not the first document that names it.
        operatorSchemaIds().forEach(this::structure);
        operatorSchemaIds().filter(id -> documentTypes.typesOf(id) == null).forEach(id -> log.warn(
                "Structure {} has no entry in {}: the header's document type of its documents is not checked against it",
                id, DOCUMENT_TYPES));
    }

    /** The shipped structures only (for tools and tests). */
    public static StructureCatalogue shipped() {
        return new StructureCatalogue(StructureProperties.classpathOnly());
    }

    public boolean allowUnknown() {
        return allowUnknown;
    }

    public HeaderRules headerRules() {
        return headerRules;
    }

    public DocumentTypeRules documentTypes() {
        return documentTypes;
    }

    /**
     * The types of the known structures whose structured form has this root property: what a structured form says it
     * is when the header names a structure this archive does not know ({@code allow-unknown}).
     */
    public List<DocumentTypeRules.Types> typesOfStructuresWithRoot(String rootProperty) {
        List<DocumentTypeRules.Types> found = new java.util.ArrayList<>();
        for (String id : documentTypes.structures()) {
            structure(id).filter(s -> rootProperty != null && rootProperty.equals(s.rootProperty()))
                    .ifPresent(s -> found.add(documentTypes.typesOf(id)));
        }
        return found;
    }

    /** The structure named by {@code contentSpecificationId}, if the catalogue knows it. */
    public Optional<Structure> structure(String contentSpecificationId) {
        if (contentSpecificationId == null || !Oid.isValid(contentSpecificationId)) {
            return Optional.empty();
        }
        String fileName = contentSpecificationId + SCHEMA_SUFFIX;
        Structure cached = cache.get(contentSpecificationId);
        if (dir != null) {
            Path file = dir.resolve(fileName);
            long modified = lastModified(file);
            if (modified >= 0) {
                if (cached != null && cached.source().equals(file.toString()) && cached.lastModified() == modified) {
                    return Optional.of(cached);
                }
                Structure loaded = compile(contentSpecificationId, file.toString(), read(file), modified);
                cache.put(contentSpecificationId, loaded);
                log.info("Structure {} loaded from {}", contentSpecificationId, file);
                return Optional.of(loaded);
            }
            if (cached != null && !cached.source().startsWith("classpath:")) {
                // The operator removed the file: fall back to what is shipped, if anything.
                cache.remove(contentSpecificationId);
                cached = null;
            }
        }
        if (cached != null) {
            return Optional.of(cached);
        }
        String resource = CLASSPATH_DIR + fileName;
        try (InputStream in = classLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Structure loaded = compile(contentSpecificationId, "classpath:" + resource, JSON.readTree(in), 0);
            cache.put(contentSpecificationId, loaded);
            return Optional.of(loaded);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the shipped schema " + resource, e);
        }
    }

    /** The ids of the structures loaded so far and those waiting in the operator's directory. */
    public java.util.SortedSet<String> loadedStructures() {
        TreeSet<String> ids = new TreeSet<>(cache.keySet());
        operatorSchemaIds().forEach(ids::add);
        return ids;
    }

    /** Parses a structured form strictly (duplicate keys refused), for validation and cross-checks. */
    static JsonNode parseJson(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    private Structure compile(String id, String source, JsonNode schemaNode, long modified) {
        JsonSchema schema;
        try {
            schema = factory.getSchema(schemaNode, CONFIG);
            schema.initializeValidators();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The schema of structure " + id + " (" + source + ") cannot be compiled: "
                    + e.getMessage(), e);
        }
        JsonNode rootProperties = schemaNode.path("properties");
        String root = rootProperties.size() == 1 ? rootProperties.fieldNames().next() : null;
        return new Structure(id, source, schema, crossChecks(id, source, schemaNode), root, modified);
    }

    private static Map<String, String> crossChecks(String id, String source, JsonNode schemaNode) {
        Map<String, String> pointers = new LinkedHashMap<>();
        JsonNode declared = schemaNode.get(CROSS_CHECKS_KEYWORD);
        if (declared != null) {
            declared.fields().forEachRemaining(field -> {
                if (!Structure.CROSS_CHECK_FIELDS.contains(field.getKey()) || !field.getValue().isTextual()
                        || !field.getValue().asText().startsWith("/")) {
                    throw new IllegalStateException(source + ": " + CROSS_CHECKS_KEYWORD + " entry '" + field.getKey()
                            + "' must be one of " + Structure.CROSS_CHECK_FIELDS + " with a JSON pointer value");
                }
                pointers.put(field.getKey(), field.getValue().asText());
            });
            return pointers;
        }
        // Convention of the THL structures: one root object named after the document, the client under "asiakas".
        JsonNode rootProperties = schemaNode.path("properties");
        if (rootProperties.size() == 1) {
            String root = "/" + rootProperties.fieldNames().next();
            pointers.put("clientIdentityCode", root + "/asiakas/henkilotunnus/value");
            pointers.put("clientTemporaryId", root + "/asiakas/tilapainen_yksilointitunnus");
            pointers.put("birthDate", root + "/asiakas/syntymaaika");
            pointers.put("familyName", root + "/asiakas/sukunimi");
            pointers.put("givenNames", root + "/asiakas/etunimet");
            pointers.put("genderCode", root + "/asiakas/sukupuoli/code");
        } else {
            log.warn("Structure {} ({}) declares no {} and has no single root property: no header cross-checks",
                    id, source, CROSS_CHECKS_KEYWORD);
        }
        return pointers;
    }

    /** A rule file from the operator's directory when it has one, else the shipped one. */
    private <T> T loadRules(String name, java.util.function.BiFunction<JsonNode, String, T> reader) {
        if (dir != null && Files.isRegularFile(dir.resolve(name))) {
            Path file = dir.resolve(name);
            log.info("Rules {} loaded from {}", name, file);
            return reader.apply(read(file), file.toString());
        }
        String resource = CLASSPATH_DIR + name;
        try (InputStream in = classLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The shipped rules " + resource + " are missing");
            }
            return reader.apply(JSON.readTree(in), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stream<String> operatorSchemaIds() {
        if (dir == null) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(SCHEMA_SUFFIX))
                    .map(name -> name.substring(0, name.length() - SCHEMA_SUFFIX.length()))
                    .filter(Oid::isValid)
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list arkisto.structures.dir " + dir, e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StructureCatalogue.class.getClassLoader();
    }
}

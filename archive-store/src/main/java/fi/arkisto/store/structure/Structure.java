package fi.arkisto.store.structure;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One structure of the catalogue: the compiled JSON Schema (draft 2020-12) of the structured form named by a
 * {@code contentSpecificationId}, and where its header cross-check fields live in the JSON (the schema's
 * {@code x-arkisto-crosschecks} object of JSON pointers; by convention {@code /<root>/asiakas/...} when absent).
 * Immutable and thread-safe: compiled once, shared by every archiving thread.
 */
public final class Structure {

    /** Cross-check fields a schema may point at. */
    public static final Set<String> CROSS_CHECK_FIELDS = Set.of("clientIdentityCode", "clientTemporaryId",
            "birthDate", "familyName", "givenNames", "genderCode", "clientRelationshipId", "caseId");

    // Error messages leave the archive: never let an identity code found in the data slip into one.
    private static final Pattern IDENTITY_CODE = Pattern.compile("(\\d{6})[-+A-FU-Y]\\d{3}[0-9A-Y]");
    private static final int MAX_DETAIL = 300;

    private final String contentSpecificationId;
    private final String source;
    private final JsonSchema schema;
    private final Map<String, String> crossChecks;
    private final String rootProperty;
    private final long lastModified;

    Structure(String contentSpecificationId, String source, JsonSchema schema, Map<String, String> crossChecks,
              String rootProperty, long lastModified) {
        this.contentSpecificationId = contentSpecificationId;
        this.source = source;
        this.schema = schema;
        this.crossChecks = Map.copyOf(crossChecks);
        this.rootProperty = rootProperty;
        this.lastModified = lastModified;
    }

    public String contentSpecificationId() {
        return contentSpecificationId;
    }

    /** {@code classpath:structures/...} or the operator's file path. */
    public String source() {
        return source;
    }

    /** JSON pointers of the cross-check fields this structure carries, keyed by {@link #CROSS_CHECK_FIELDS}. */
    public Map<String, String> crossChecks() {
        return crossChecks;
    }

    /**
     * The one root property of the structured form ({@code paatos}, {@code asiakkuusasiakirja}: THL's structures name
     * the document by it), when the schema declares exactly one root property; null otherwise.
     */
    public String rootProperty() {
        return rootProperty;
    }

    long lastModified() {
        return lastModified;
    }

    /**
     * @throws ArchiveException STRUCTURE_INVALID with the JSON pointer of the first violation and the schema's message
     */
    public void validate(JsonNode structuredForm) {
        Set<ValidationMessage> messages = schema.validate(structuredForm);
        if (messages.isEmpty()) {
            return;
        }
        ValidationMessage first = messages.stream()
                .min(Comparator.comparing((ValidationMessage m) -> pointer(m)).thenComparing(ValidationMessage::getMessage))
                .orElseThrow();
        String detail = "The structured form does not conform to structure " + contentSpecificationId + " at "
                + pointer(first) + ": " + safe(first.getError() == null ? first.getMessage() : first.getError())
                + " (keyword " + first.getType() + ")"
                + (messages.size() > 1 ? "; " + (messages.size() - 1) + " more violation(s)" : "");
        throw new ArchiveException(ErrorCode.STRUCTURE_INVALID, detail);
    }

    private static String pointer(ValidationMessage message) {
        String location = message.getInstanceLocation() == null ? "" : message.getInstanceLocation().toString();
        return location.isEmpty() ? "/" : location;
    }

    static String safe(String text) {
        String masked = IDENTITY_CODE.matcher(text).replaceAll("$1*****");
        return masked.length() > MAX_DETAIL ? masked.substring(0, MAX_DETAIL) + "..." : masked;
    }
}

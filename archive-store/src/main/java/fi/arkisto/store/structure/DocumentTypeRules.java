package fi.arkisto.store.structure;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which document types each structure is ({@code structures/document-types.json}; operators override it in
 * {@code arkisto.structures.dir}): the rule that keeps the header's unsigned type fields true to the signed
 * structured form (docs/trust.md). The signature covers the body and the signed timestamp, not the header; the
 * professional-signature rule reads the header's general and specific document type, so a decision relabelled after
 * signing would escape it unless those fields must agree with the structure the signed content is in.
 */
public final class DocumentTypeRules {

    /**
     * The types of one structure.
     *
     * @param name                  the structure's name, for messages
     * @param generalDocumentTypes  codes the header's general type may take; empty: the header carries none
     * @param specificDocumentTypes codes the header's specific type may take; null: not constrained
     */
    public record Types(String name, Set<String> generalDocumentTypes, Set<String> specificDocumentTypes) {
    }

    private final Map<String, Types> byStructure;

    private DocumentTypeRules(Map<String, Types> byStructure) {
        this.byStructure = byStructure;
    }

    /** Reads a rule file; a malformed entry is a configuration error, found at start-up. */
    static DocumentTypeRules from(JsonNode root, String source) {
        JsonNode structures = root.path("structures");
        if (!structures.isObject()) {
            throw new IllegalStateException(source + ": missing object 'structures'");
        }
        Map<String, Types> rules = new LinkedHashMap<>();
        structures.fields().forEachRemaining(entry -> {
            JsonNode general = entry.getValue().get("generalDocumentTypes");
            if (general == null || !general.isArray()) {
                throw new IllegalStateException(source + ": structure " + entry.getKey()
                        + " needs an array 'generalDocumentTypes' (empty when the header carries no general type)");
            }
            JsonNode specific = entry.getValue().get("specificDocumentTypes");
            if (specific != null && !specific.isArray()) {
                throw new IllegalStateException(source + ": structure " + entry.getKey()
                        + ": 'specificDocumentTypes' must be an array");
            }
            rules.put(entry.getKey(), new Types(entry.getValue().path("name").asText(entry.getKey()), codes(general),
                    specific == null ? null : codes(specific)));
        });
        return new DocumentTypeRules(Collections.unmodifiableMap(rules));
    }

    private static Set<String> codes(JsonNode array) {
        Set<String> codes = new LinkedHashSet<>();
        array.forEach(code -> codes.add(code.asText()));
        return Set.copyOf(codes);
    }

    /** The structures the table knows. */
    public Set<String> structures() {
        return byStructure.keySet();
    }

    /** The types of one structure; null when the table has no entry (then nothing binds the header's type). */
    public Types typesOf(String contentSpecificationId) {
        return byStructure.get(contentSpecificationId);
    }

    /** The types any of several structures allow (a structured form that several structures could describe). */
    static Types union(Collection<Types> all) {
        List<String> names = new ArrayList<>();
        Set<String> general = new LinkedHashSet<>();
        Set<String> specific = new LinkedHashSet<>();
        boolean specificConstrained = true;
        for (Types types : all) {
            names.add(types.name());
            general.addAll(types.generalDocumentTypes());
            if (types.specificDocumentTypes() == null) {
                specificConstrained = false;
            } else {
                specific.addAll(types.specificDocumentTypes());
            }
        }
        return new Types(String.join(" / ", names), general, specificConstrained ? specific : null);
    }

    /** @throws ArchiveException DOCUMENT_TYPE_MISMATCH when the header's type is not one the structure allows */
    static void check(DocumentMetadata metadata, String structure, Types types) {
        String general = codeOf(metadata.generalDocumentType());
        if (types.generalDocumentTypes().isEmpty() ? general != null : general == null || !types.generalDocumentTypes().contains(general)) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TYPE_MISMATCH, "The signed structured form is a " + types.name()
                    + " (structure " + structure + "), whose general document type is "
                    + (types.generalDocumentTypes().isEmpty() ? "none" : "one of " + types.generalDocumentTypes())
                    + "; the header's code says " + (general == null ? "none" : "'" + general + "'"));
        }
        String specific = codeOf(metadata.specificDocumentType());
        if (types.specificDocumentTypes() != null && (specific == null || !types.specificDocumentTypes().contains(specific))) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TYPE_MISMATCH, "The signed structured form is a " + types.name()
                    + " (structure " + structure + "), whose specific document type is one of "
                    + types.specificDocumentTypes() + "; hl7fi:specificDocumentType says "
                    + (specific == null ? "none" : "'" + specific + "'"));
        }
    }

    private static String codeOf(Code code) {
        return code == null ? null : code.code();
    }
}

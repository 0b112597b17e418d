package fi.arkisto.store.structure;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which header fields each document group requires (docs/invariants.md): e.g. a case
 * document (group 2) must name its case ({@code encompassingEncounter/id}), a client relationship document (group 1)
 * its client relationship and service unit. Read from {@code structures/header-rules.json}; operators override the
 * file in {@code arkisto.structures.dir}. Groups without an entry have no extra requirements.
 */
public final class HeaderRules {

    private final Map<String, List<HeaderField>> requiredByGroup;

    private HeaderRules(Map<String, List<HeaderField>> requiredByGroup) {
        this.requiredByGroup = requiredByGroup;
    }

    /** Reads a rule file; an unknown field name is a configuration error, found at start-up, not per document. */
    static HeaderRules from(JsonNode root, String source) {
        JsonNode groups = root.path("documentGroups");
        if (!groups.isObject()) {
            throw new IllegalStateException(source + ": missing object 'documentGroups'");
        }
        Map<String, List<HeaderField>> rules = new LinkedHashMap<>();
        groups.fields().forEachRemaining(group -> {
            List<HeaderField> fields = new ArrayList<>();
            for (JsonNode name : group.getValue().path("required")) {
                fields.add(HeaderField.named(name.asText()).orElseThrow(() -> new IllegalStateException(
                        source + ": document group " + group.getKey() + " requires unknown header field '"
                                + name.asText() + "'; known: " + List.of(HeaderField.values()))));
            }
            rules.put(group.getKey(), List.copyOf(fields));
        });
        return new HeaderRules(Collections.unmodifiableMap(rules));
    }

    /** @throws ArchiveException HEADER_RULE_VIOLATED naming the first missing field and where it belongs */
    public void check(DocumentMetadata metadata) {
        String group = metadata.documentGroup() == null ? null : metadata.documentGroup().code();
        for (HeaderField field : requiredByGroup.getOrDefault(group, List.of())) {
            if (!field.presentIn(metadata)) {
                throw new ArchiveException(ErrorCode.HEADER_RULE_VIOLATED, "Document group " + group + " requires "
                        + field.name() + " (" + field.source() + ")");
            }
        }
    }

    public Set<String> documentGroups() {
        return requiredByGroup.keySet();
    }

    /** The names of the fields the group requires (empty for a group without rules). */
    public List<String> requiredFields(String documentGroup) {
        return requiredByGroup.getOrDefault(documentGroup, List.of()).stream().map(Enum::name).toList();
    }
}

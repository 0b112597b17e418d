package fi.arkisto.store.access.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reading JSON structured forms (Base64-decoded {@code hl7fi:json}) for the access facts. */
final class StructuredForms {

    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StructuredForms() {
    }

    static JsonNode parse(byte[] structuredForm) {
        if (structuredForm == null || structuredForm.length == 0) {
            throw new IllegalArgumentException("the document has no structured form");
        }
        try {
            return JSON.readTree(structuredForm);
        } catch (IOException e) {
            throw new IllegalArgumentException("the structured form is not JSON: " + e.getMessage(), e);
        }
    }

    /** A text value, or null when absent, null or blank. */
    static String text(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        return node.asText();
    }

    /**
     * A {@code YYYY-MM-DD} date, or null when absent. A present but unreadable date is an error rather than "no date":
     * an unreadable end date read as open-ended would keep a register access right in effect.
     */
    static LocalDate date(JsonNode node, String field) {
        String value = text(node);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a date: " + value, e);
        }
    }
}

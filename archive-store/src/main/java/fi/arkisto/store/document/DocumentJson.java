package fi.arkisto.store.document;

import fi.arkisto.store.cda.DocumentMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.util.List;

/**
 * The jsonb encoding of stored metadata, warnings and signature evidence. A private mapper, so the
 * stored form never changes with an application's Jackson settings; offsets of header times are
 * kept as written in the document.
 */
final class DocumentJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DocumentJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static DocumentMetadata metadata(String json) {
        return read(json, METADATA);
    }

    /** From the text's UTF-8 bytes as the driver received them: no string is made only to be parsed. */
    static DocumentMetadata metadata(byte[] json) {
        try {
            return METADATA.readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("Stored JSON cannot be decoded as " + METADATA.getValueType(), e);
        }
    }

    static List<Warning> warnings(String json) {
        return read(json, WARNINGS);
    }

    static List<SignatureEvidence> signatures(String json) {
        return read(json, SIGNATURES);
    }

    // readers made once: a list of fifty documents decodes fifty metadata values, and each read through the mapper
    // with a type reference resolves the type and finds its deserializer again
    private static final ObjectReader METADATA = MAPPER.readerFor(DocumentMetadata.class);
    private static final ObjectReader WARNINGS = MAPPER.readerFor(new TypeReference<List<Warning>>() {
    });
    private static final ObjectReader SIGNATURES = MAPPER.readerFor(new TypeReference<List<SignatureEvidence>>() {
    });

    private static <T> T read(String json, ObjectReader reader) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON cannot be decoded as " + reader.getValueType(), e);
        }
    }
}

package fi.arkisto.store.access.nondisclosure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds and blanks a person's location data in a JSON structured form. Location data of a person under
 * non-disclosure for safety reasons is "data concerning the home town, address and other data that reveals the
 * location of the person" (kanta.fi, "Phase 2 functionalities in social welfare services"); in documents other than
 * the organiser's client relationship document "they will be left blank and a note stating about the data subject to
 * personal data access restriction shall be saved on the document". A location key counts only inside an object
 * reached through a person key (so a service unit's own address does not), and only with a value: a blank field is
 * what the rule asks for.
 */
public final class LocationDataFields {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Set<String> personKeys;
    private final Set<String> locationKeys;

    public LocationDataFields(Set<String> personKeys, Set<String> locationKeys) {
        this.personKeys = Set.copyOf(personKeys);
        this.locationKeys = Set.copyOf(locationKeys);
    }

    public boolean present(byte[] structuredForm) {
        return structuredForm != null && structuredForm.length > 0 && present(parse(structuredForm));
    }

    public boolean present(JsonNode structuredForm) {
        return find(structuredForm, false, "", null);
    }

    /** The pointers of every location field with a value, in document order. */
    public List<String> pointers(JsonNode structuredForm) {
        List<String> found = new ArrayList<>();
        find(structuredForm, false, "", found);
        return found;
    }

    /** A copy of the structured form with every location field under a person set to null. */
    public MaskedStructuredForm mask(byte[] structuredForm) {
        JsonNode tree = parse(structuredForm);
        List<String> pointers = pointers(tree);
        for (String pointer : pointers) {
            int cut = pointer.lastIndexOf('/');
            JsonNode parent = tree.at(pointer.substring(0, cut));
            ((ObjectNode) parent).putNull(unescape(pointer.substring(cut + 1)));
        }
        try {
            return new MaskedStructuredForm(JSON.writeValueAsBytes(tree), pointers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree could not be written back", e);
        }
    }

    private boolean find(JsonNode node, boolean inPerson, String pointer, List<String> found) {
        boolean any = false;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                String child = pointer + "/" + escape(key);
                if (inPerson && locationKeys.contains(key) && hasValue(field.getValue())) {
                    if (found == null) {
                        return true;
                    }
                    found.add(child);
                    any = true;
                } else if (find(field.getValue(), inPerson || personKeys.contains(key), child, found)) {
                    if (found == null) {
                        return true;
                    }
                    any = true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (find(array.get(i), inPerson, pointer + "/" + i, found)) {
                    if (found == null) {
                        return true;
                    }
                    any = true;
                }
            }
        }
        return any;
    }

    private static boolean hasValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isBlank();
        }
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                if (hasValue(child)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the structured form is not JSON: " + e.getMessage(), e);
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}

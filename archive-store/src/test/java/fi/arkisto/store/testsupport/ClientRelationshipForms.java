package fi.arkisto.store.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Edits of the real sample's client relationship document structured form ({@code asiakkuusasiakirja}, structure
 * 1.2.246.537.6.1505.1.2023.6.1) for {@link KantaSamples.Builder#structuredForm}: the client relationship's period,
 * the provider units of its service task with their periods, and non-disclosure.
 *
 * <pre>{@code
 * KantaSamples.document().client(code).controller(organiser).structuredForm(form -> {
 *     ClientRelationshipForms.relationship(form, LocalDate.of(2026, 1, 1), null);
 *     ClientRelationshipForms.providers(form, "24", new Provider(unitOid, LocalDate.of(2026, 2, 1), null));
 * })
 * }</pre>
 */
public final class ClientRelationshipForms {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A {@code palveluntuottaja} entry: the provider unit's OID and its first and (optionally) last day. */
    public record Provider(String unitOid, LocalDate start, LocalDate end) {
    }

    private ClientRelationshipForms() {
    }

    static String edit(String json, Consumer<ObjectNode> edit) {
        try {
            ObjectNode form = (ObjectNode) JSON.readTree(json);
            edit.accept(form);
            return JSON.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode document(ObjectNode form) {
        return (ObjectNode) form.path("asiakkuusasiakirja");
    }

    /** The organiser's own client relationship with the client: {@code sosiaalihuollon_asiakkuus}. */
    public static void relationship(ObjectNode form, LocalDate start, LocalDate end) {
        ObjectNode relationship = (ObjectNode) document(form).path("sosiaalihuollon_asiakkuus");
        relationship.put("asiakkuuden_alkamispvm", start.toString());
        if (end == null) {
            relationship.remove("asiakkuuden_paattymispvm");
        } else {
            relationship.put("asiakkuuden_paattymispvm", end.toString());
        }
    }

    /** Replaces the service task's code and its {@code palveluntuottaja} entries. */
    public static void providers(ObjectNode form, String serviceTask, Provider... providers) {
        ObjectNode task = (ObjectNode) document(form).path("sosiaalihuollon_palvelutehtava").get(0);
        ((ObjectNode) task.path("palvelutehtava")).put("code", serviceTask);
        ArrayNode entries = task.putArray("palveluntuottaja");
        for (Provider provider : providers) {
            ObjectNode entry = entries.addObject();
            ObjectNode service = entry.putArray("sosiaalipalvelu").addObject();
            service.put("system", "urn:oid:1.2.246.537.6.1222.201601");
            service.put("code", "15");
            ObjectNode unit = entry.putObject("palveluyksikon_nimi");
            unit.put("system", "urn:oid:1.2.246.537.6.202.2008");
            unit.put("code", provider.unitOid());
            unit.put("display", "Palveluyksikkö " + provider.unitOid());
            entry.put("asiakkuuden_alkamispvm", provider.start().toString());
            if (provider.end() != null) {
                entry.put("asiakkuuden_paattymispvm", provider.end().toString());
            }
        }
    }

    /** {@code asiakas.turvakielto}: the client is under non-disclosure for safety reasons. */
    public static void nonDisclosure(ObjectNode form, boolean underNonDisclosure) {
        ((ObjectNode) document(form).path("asiakas")).put("turvakielto", underNonDisclosure);
    }
}

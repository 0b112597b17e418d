package fi.arkisto.store.access.extract;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the access facts out of a client relationship document's structured form. The field names are those of the
 * real Kanta sample ({@code asiakkuusasiakirja_S.xml}) and of the shipped schema of structure
 * 1.2.246.537.6.1505.1.2023.6.1, which adds {@code asiakkuuden_paattymispvm}.
 */
public final class ClientRelationshipReader {

    public static final String ROOT = "asiakkuusasiakirja";

    private ClientRelationshipReader() {
    }

    public static boolean isClientRelationshipDocument(JsonNode structuredForm) {
        return structuredForm != null && structuredForm.path(ROOT).isObject();
    }

    public static ClientRelationshipContent read(byte[] structuredForm) {
        return read(StructuredForms.parse(structuredForm));
    }

    public static ClientRelationshipContent read(JsonNode structuredForm) {
        JsonNode document = structuredForm.path(ROOT);
        if (!document.isObject()) {
            throw new IllegalArgumentException("the structured form is not a client relationship document: no " + ROOT);
        }
        JsonNode client = document.path("asiakas");
        String clientId = StructuredForms.text(client.path("henkilotunnus").path("value"));
        if (clientId == null) {
            clientId = StructuredForms.text(client.path("tilapainen_yksilointitunnus").path("value"));
        }
        boolean nonDisclosure = client.path("turvakielto").asBoolean(false);
        JsonNode relationship = document.path("sosiaalihuollon_asiakkuus");
        List<ProviderEntry> providers = new ArrayList<>();
        for (JsonNode task : document.path("sosiaalihuollon_palvelutehtava")) {
            String serviceTask = StructuredForms.text(task.path("palvelutehtava").path("code"));
            for (JsonNode provider : task.path("palveluntuottaja")) {
                List<String> services = new ArrayList<>();
                for (JsonNode service : provider.path("sosiaalipalvelu")) {
                    String code = StructuredForms.text(service.path("code"));
                    if (code != null) {
                        services.add(code);
                    }
                }
                providers.add(new ProviderEntry(serviceTask,
                        StructuredForms.text(provider.path("palveluyksikon_nimi").path("code")), services,
                        StructuredForms.date(provider.path("asiakkuuden_alkamispvm"), "palveluntuottaja.asiakkuuden_alkamispvm"),
                        StructuredForms.date(provider.path("asiakkuuden_paattymispvm"), "palveluntuottaja.asiakkuuden_paattymispvm")));
            }
        }
        return new ClientRelationshipContent(clientId, nonDisclosure,
                StructuredForms.date(relationship.path("asiakkuuden_alkamispvm"), "sosiaalihuollon_asiakkuus.asiakkuuden_alkamispvm"),
                StructuredForms.date(relationship.path("asiakkuuden_paattymispvm"), "sosiaalihuollon_asiakkuus.asiakkuuden_paattymispvm"),
                StructuredForms.text(document.path("palvelunjarjestajan_toimintayksikko").path("code")), providers);
    }
}

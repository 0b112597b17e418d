package fi.arkisto.store.access.extract;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.store.access.mutualcase.CaseParty;
import fi.arkisto.store.access.mutualcase.MutualCase;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a mutual case's parties out of its topic document's structured form. THL's specification of the mutual case
 * ("Sosiaalihuollon yhteinen asia") could not be obtained, so the archive defines the topic document's structure
 * itself ({@value #STRUCTURE}, {@code docs/access.md}, "Mutual cases"); this class is the one place that knows it, so
 * that it can follow THL's structure when that is published:
 *
 * <pre>
 * { "yhteinen_asia": {
 *     "asia": { "asiatunnus": { "system": "...", "value": "&lt;case OID&gt;" }, ... },
 *     "asianosaiset": [ { "henkilotunnus": { "system": "1.2.246.21", "value": "..." },
 *                         "alkamispvm": "2026-01-01", "paattymispvm": "2026-06-30" }, ... ] } }
 * </pre>
 *
 * A party who leaves gets a {@code paattymispvm} in a new version; one who rejoins gets a second entry.
 */
public final class MutualCaseTopicReader {

    /** The archive's synthetic structure of the mutual case topic document. */
    public static final String STRUCTURE = "1.2.246.537.6.1505.9.2026.5.1";
    public static final String ROOT = "yhteinen_asia";

    private MutualCaseTopicReader() {
    }

    /**
     * The case and its parties when the structured form is a topic document, else null; the parties' non-disclosure
     * is left false (it is each party's client fact, known only when a decision is made).
     *
     * @throws IllegalArgumentException a topic document that names no case, or a party without identity or start
     */
    public static MutualCase readIfTopic(byte[] structuredForm, String organiser) {
        if (structuredForm == null || structuredForm.length == 0) {
            return null;
        }
        JsonNode json = StructuredForms.parse(structuredForm);
        return isTopicDocument(json) ? read(json, organiser, party -> false) : null;
    }

    public static boolean isTopicDocument(JsonNode structuredForm) {
        return structuredForm != null && structuredForm.path(ROOT).isObject();
    }

    /**
     * @param organiser          the controller of the topic document's register
     * @param underNonDisclosure whether a client is under non-disclosure for safety reasons (their client facts)
     */
    public static MutualCase read(byte[] structuredForm, String organiser, Predicate<String> underNonDisclosure) {
        return read(StructuredForms.parse(structuredForm), organiser, underNonDisclosure);
    }

    public static MutualCase read(JsonNode structuredForm, String organiser, Predicate<String> underNonDisclosure) {
        JsonNode topic = structuredForm.path(ROOT);
        if (!topic.isObject()) {
            throw new IllegalArgumentException("the structured form is not a mutual case topic document: no " + ROOT);
        }
        String caseId = StructuredForms.text(topic.path("asia").path("asiatunnus").path("value"));
        if (caseId == null) {
            throw new IllegalArgumentException("the mutual case topic document names no case (asia.asiatunnus)");
        }
        List<CaseParty> parties = new ArrayList<>();
        for (JsonNode party : topic.path("asianosaiset")) {
            String clientId = StructuredForms.text(party.path("henkilotunnus").path("value"));
            if (clientId == null) {
                throw new IllegalArgumentException("a party of mutual case " + caseId + " has no henkilotunnus");
            }
            var from = StructuredForms.date(party.path("alkamispvm"), "asianosaiset.alkamispvm");
            if (from == null) {
                throw new IllegalArgumentException("party of mutual case " + caseId + " has no alkamispvm");
            }
            parties.add(new CaseParty(clientId, from, StructuredForms.date(party.path("paattymispvm"),
                    "asianosaiset.paattymispvm"), underNonDisclosure.test(clientId)));
        }
        return new MutualCase(caseId, organiser, parties);
    }
}

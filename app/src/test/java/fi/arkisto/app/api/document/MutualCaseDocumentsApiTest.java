package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.access.extract.MutualCaseTopicReader;
import fi.arkisto.store.access.mutualcase.CaseParty;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.mutualcase.PartyStatus;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.testkit.generator.GeneratedDocument;
import fi.arkisto.testkit.generator.GeneratorOptions;
import fi.arkisto.testkit.generator.TestDataGenerator;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mutual case's documents in the client document list and in the metadata (docs/access.md, "Mutual cases"): the
 * parties each topic document names are recorded when it is archived, the case's documents are listed for every party
 * for the days of its periods (shown as mutual), and a document's metadata names the case's parties; each party, as a
 * citizen with its own bearer token (docs/access.md, "The citizen API"), sees those of them the citizen's view shows,
 * without the other parties' identity codes. The documents are the test data generator's, signed, in an organisation
 * of the test's own.
 */
class MutualCaseDocumentsApiTest extends ApiIntegrationTest {

    private final CdaParser parser = new CdaParser();

    @Test
    void aMutualCasesDocumentsAreListedForEveryPartyWithinItsPeriodTheMetadataNamesThePartiesAndEachPartySeesThemAsACitizen() {
        // given a generated population with mutual cases, archived through the API in order
        String organisation = newOrganisation();
        GeneratorOptions options = GeneratorOptions.builder().count(120).seed(21).organisation(organisation)
                .providers(List.of()).signer(systemSignerFor(organisation)).professionalSigner(professionalSigner())
                .build();
        List<GeneratedDocument> documents = new TestDataGenerator(options).documents().toList();
        for (GeneratedDocument document : documents) {
            HttpResponse<byte[]> archived = send(asOrganisation("/api/v1/documents", organisation)
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(document.xml())).build());
            assertThat(archived.statusCode()).as(document.fileName() + ": " + text(archived)).isEqualTo(201);
        }

        // and what the archive should make of them: each set's current version, and each case's parties as its
        // current topic version names them
        Map<String, GeneratedDocument> current = new LinkedHashMap<>();
        for (GeneratedDocument document : documents) {
            current.merge(document.setId(), document, (a, b) -> a.versionNumber() >= b.versionNumber() ? a : b);
        }
        Map<String, MutualCase> cases = new HashMap<>();
        Map<String, LocalDate> days = new HashMap<>();
        for (GeneratedDocument document : current.values()) {
            ParsedDocument parsed = parser.parse(document.xml());
            days.put(document.documentOid(), parsed.metadata().effectiveTime()
                    .atZoneSameInstant(Hl7Timestamp.FINNISH_TIME).toLocalDate());
            MutualCase topic = MutualCaseTopicReader.readIfTopic(parsed.structuredForm(), organisation);
            if (topic != null) {
                cases.merge(topic.caseId(), topic, (a, b) -> new MutualCase(a.caseId(), organisation,
                        concat(a.parties(), b.parties())));
            }
        }
        Set<String> parties = new HashSet<>();
        cases.values().forEach(c -> c.parties().forEach(p -> parties.add(p.clientId())));
        assertThat(cases.values()).as("mutual cases with more than one party")
                .anySatisfy(c -> assertThat(c.parties().stream().map(CaseParty::clientId).distinct()).hasSizeGreaterThan(1));

        // when the organisation lists each party's documents
        int mutualListed = 0;
        int mutualShownToCitizens = 0;
        for (String party : parties) {
            Map<String, String> expected = new HashMap<>();
            for (GeneratedDocument document : current.values()) {
                if (document.clientId().equals(party)) {
                    expected.put(document.documentOid(), "OWN_CLIENT");
                } else if (document.caseId() != null && cases.containsKey(document.caseId()) && cases
                        .get(document.caseId()).statusOf(party, days.get(document.documentOid())) == PartyStatus.IN_PERIOD) {
                    expected.put(document.documentOid(), "MUTUAL_CASE_PARTY");
                }
            }
            HttpResponse<byte[]> listed = send(asOrganisation("/api/v1/clients/" + party + "/documents?size=200",
                    organisation).GET().build());
            assertThat(listed.statusCode()).as(text(listed)).isEqualTo(200);
            Map<String, String> relations = new HashMap<>();
            for (JsonNode item : json(listed).path("items")) {
                relations.put(item.path("documentOid").asText(), item.path("relation").asText());
            }

            // then it holds the party's own documents and the other parties' case documents of its periods, no more
            assertThat(relations).as("documents listed for party " + party).isEqualTo(expected);
            mutualListed += (int) relations.values().stream().filter("MUTUAL_CASE_PARTY"::equals).count();

            // and the party as a citizen sees those of them the citizen's view shows, with the same relation, and
            // each one left out is refused on a read by a rule of the citizen's view
            mutualShownToCitizens += citizensView(party, expected);
        }
        assertThat(mutualListed).as("documents listed through a mutual case").isPositive();
        assertThat(mutualShownToCitizens).as("mutual case documents a party sees as a citizen").isPositive();

        // and a case document's metadata names the case and its parties with their periods
        MutualCase shared = cases.values().stream()
                .filter(c -> c.parties().stream().map(CaseParty::clientId).distinct().count() > 1).findFirst().orElseThrow();
        GeneratedDocument caseDocument = current.values().stream().filter(d -> shared.caseId().equals(d.caseId()))
                .findFirst().orElseThrow();
        JsonNode metadata = json(getAs("/api/v1/documents/" + caseDocument.documentOid() + "/metadata", organisation));
        assertThat(metadata.path("mutualCase").path("caseId").asText()).isEqualTo(shared.caseId());
        assertThat(metadata.path("mutualCase").path("parties").findValuesAsText("clientId"))
                .containsExactlyInAnyOrderElementsOf(shared.parties().stream().map(CaseParty::clientId).toList());
        assertThat(metadata.path("mutualCase").path("parties").findValuesAsText("from"))
                .containsExactlyInAnyOrderElementsOf(shared.parties().stream().map(p -> p.from().toString()).toList());
    }

    /** The party's citizen list checked against the documents that pertain to it; answers its mutual-case items. */
    private int citizensView(String party, Map<String, String> pertaining) {
        HttpResponse<byte[]> own = send(asCitizen("/api/v1/citizen/documents?size=200", party).GET().build());
        assertThat(own.statusCode()).as(text(own)).isEqualTo(200);
        Map<String, String> shown = new HashMap<>();
        for (JsonNode item : json(own).path("items")) {
            assertThat(item.path("basis").asText()).isEqualTo("CITIZEN_OWN");
            shown.put(item.path("documentOid").asText(), item.path("relation").asText());
        }
        assertThat(pertaining).as("the citizen's list of " + party).containsAllEntriesOf(shown);
        for (String oid : pertaining.keySet()) {
            HttpResponse<byte[]> read = send(asCitizen("/api/v1/citizen/documents/" + oid, party).GET().build());
            if (shown.containsKey(oid)) {
                assertThat(read.statusCode()).as(text(read)).isEqualTo(200);
                // another party's document names neither its client nor the case's parties
                boolean mutual = shown.get(oid).equals("MUTUAL_CASE_PARTY");
                assertThat(json(read).path("clientId").isMissingNode() || json(read).path("clientId").isNull())
                        .isEqualTo(mutual);
                assertThat(json(read).path("mutualCase").isMissingNode() || json(read).path("mutualCase").isNull())
                        .isTrue();
            } else {
                assertThat(read.statusCode()).as(text(read)).isEqualTo(403);
                assertThat(json(read).path("code").asText()).startsWith("CITIZEN_");
            }
        }
        return (int) shown.values().stream().filter("MUTUAL_CASE_PARTY"::equals).count();
    }

    private static List<CaseParty> concat(List<CaseParty> a, List<CaseParty> b) {
        List<CaseParty> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

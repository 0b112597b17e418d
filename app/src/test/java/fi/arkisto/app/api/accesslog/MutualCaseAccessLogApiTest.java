package fi.arkisto.app.api.accesslog;

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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mutual case's documents in the log extracts of every party (docs/access.md, "Log extracts", "The citizen's access
 * log", "Mutual cases"): a use of another client's document attached to a case the client is a party of is a use of
 * the client's data for the days of the client's periods, in the controller's extract and in the citizen's own. The
 * documents are the test data generator's (signed, archived through the API in an organisation of the test's own) with
 * a seed of the test's own.
 */
class MutualCaseAccessLogApiTest extends ApiIntegrationTest {

    private final CdaParser parser = new CdaParser();
    /** Each version's effective day (Finnish time), parsed once: the unsigned and the signed population share them. */
    private final Map<String, LocalDate> days = new HashMap<>();

    /** A case document of another client and a party it pertains to or not, for the day of the document. */
    private record Pair(String party, GeneratedDocument document) {
    }

    private static GeneratorOptions options(String organisation, long seed, UnaryOperator<byte[]> signer,
                                            UnaryOperator<byte[]> professionalSigner) {
        return GeneratorOptions.builder().count(120).seed(seed).organisation(organisation).providers(List.of())
                .signer(signer).professionalSigner(professionalSigner).build();
    }

    @Test
    void aUseOfAMutualCasesDocumentIsInEachPartysExtractsForThePartysPeriodsAndNotOutsideThem() throws IOException {
        // given a generated population (of a seed whose cases have a document pertaining to a party and one of
        // another client outside a party's period), archived through the API in order
        String organisation = newOrganisation();
        long seed = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
        while (pairs(new TestDataGenerator(options(organisation, seed, null, null)).documents().toList()) == null) {
            seed++;
        }
        List<GeneratedDocument> documents = new TestDataGenerator(options(organisation, seed,
                systemSignerFor(organisation), professionalSigner())).documents().toList();
        for (GeneratedDocument document : documents) {
            // (the professional archiving may process data under non-disclosure: some clients are under it)
            HttpResponse<byte[]> archived = send(asOrganisation("/api/v1/documents", organisation)
                    .header("Content-Type", "application/xml").header("X-Non-Disclosure-Right", "true")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(document.xml())).build());
            assertThat(archived.statusCode()).as(document.fileName() + ": " + text(archived)).isEqualTo(201);
        }
        Pair[] pairs = pairs(documents);
        assertThat(pairs).as("the signed population has the unsigned one's cases").isNotNull();
        Pair in = pairs[0];
        Pair out = pairs[1];

        // when the organisation reads the document pertaining to the party and the one outside the other's period
        for (Pair pair : pairs) {
            HttpResponse<byte[]> read = send(asOrganisation("/api/v1/documents/" + pair.document().documentOid()
                    + "/metadata", organisation).header("X-Non-Disclosure-Right", "true").GET().build());
            assertThat(read.statusCode()).as(text(read)).isEqualTo(200);
        }

        // then the controller's extract of the party lists the read as a use of the party's data through the case
        List<JsonNode> party = entries(getAs("/api/v1/clients/" + in.party() + "/access-log?size=200", organisation));
        assertThat(party).filteredOn(e -> e.path("operation").asText().equals("READ_METADATA")
                        && e.path("documentOid").asText().equals(in.document().documentOid()))
                .singleElement().satisfies(e -> {
                    assertThat(e.path("organisation").asText()).isEqualTo(organisation);
                    assertThat(e.path("register").asText()).isEqualTo(organisation);
                    assertThat(e.path("kind").asText()).isEqualTo("USE");
                    assertThat(e.path("basis").asText()).isEqualTo("OWN_REGISTER");
                    assertThat(e.path("mutualCase").asText()).isEqualTo(in.document().caseId());
                });
        // and exactly the other clients' case documents of the party's periods are there (their archiving, the read)
        for (Pair pair : pairs) {
            List<JsonNode> extract = pair == in ? party
                    : entries(getAs("/api/v1/clients/" + pair.party() + "/access-log?size=200", organisation));
            assertThat(mutualDocuments(extract)).as("mutual-case documents in the extract of " + pair.party())
                    .isEqualTo(pertaining(documents, pair.party()));
            assertThat(extract).filteredOn(e -> !e.path("mutualCase").isMissingNode())
                    .allSatisfy(e -> assertThat(e.path("register").asText()).isEqualTo(organisation));
        }
        // the document outside the other party's period is not in that party's extract, only in its own client's
        List<JsonNode> other = entries(getAs("/api/v1/clients/" + out.party() + "/access-log?size=200", organisation));
        assertThat(other).noneSatisfy(e -> assertThat(e.path("documentOid").asText())
                .isEqualTo(out.document().documentOid()));
        assertThat(entries(getAs("/api/v1/clients/" + out.document().clientId() + "/access-log?size=200",
                organisation))).anySatisfy(e -> {
                    assertThat(e.path("documentOid").asText()).isEqualTo(out.document().documentOid());
                    assertThat(e.path("operation").asText()).isEqualTo("READ_METADATA");
                    assertThat(e.path("mutualCase").isMissingNode()).isTrue();
                });

        // the letter to the party names the case through which the read document pertains to it
        HttpResponse<byte[]> letter = getAs("/api/v1/clients/" + in.party() + "/access-log?format=pdf", organisation);
        assertThat(letter.statusCode()).as(text(letter)).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(letter.body())) {
            assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", " "))
                    .contains("Yhteinen asia: " + in.document().caseId());
        }

        // and the party's own access log as a citizen lists the read (the organisation, not the professional), while
        // the other party's does not list the document outside its period
        List<JsonNode> citizen = entries(send(asCitizen("/api/v1/citizen/access-log?size=200", in.party()).GET()
                .build()));
        assertThat(citizen).filteredOn(e -> e.path("operation").asText().equals("READ_METADATA")
                        && e.path("documentOid").asText().equals(in.document().documentOid()))
                .singleElement().satisfies(e -> {
                    assertThat(e.path("organisation").asText()).isEqualTo(organisation);
                    assertThat(e.path("professional").isMissingNode()).isTrue();
                    assertThat(e.path("mutualCase").asText()).isEqualTo(in.document().caseId());
                });
        assertThat(mutualDocuments(citizen)).isEqualTo(pertaining(documents, in.party()));
        assertThat(entries(send(asCitizen("/api/v1/citizen/access-log?size=200", out.party()).GET().build())))
                .noneSatisfy(e -> assertThat(e.path("documentOid").asText())
                        .isEqualTo(out.document().documentOid()));
    }

    private static List<JsonNode> entries(HttpResponse<byte[]> answer) {
        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        json(answer).path("entries").forEach(entries::add);
        assertThat(json(answer).path("total").asLong()).isEqualTo(entries.size());
        return entries;
    }

    private static Set<String> mutualDocuments(List<JsonNode> entries) {
        Set<String> oids = new TreeSet<>();
        entries.stream().filter(e -> !e.path("mutualCase").isMissingNode())
                .forEach(e -> oids.add(e.path("documentOid").asText()));
        return oids;
    }

    /**
     * The versions of other clients' documents attached to a case the party is a party of, for the days of its
     * periods (as the case's current topic versions name them), by the documents' effective days.
     */
    private Set<String> pertaining(List<GeneratedDocument> documents, String party) {
        Map<String, MutualCase> cases = cases(documents);
        Set<String> oids = new TreeSet<>();
        for (GeneratedDocument document : documents) {
            if (status(cases, document, party) == PartyStatus.IN_PERIOD) {
                oids.add(document.documentOid());
            }
        }
        return oids;
    }

    /** A document pertaining to a party it is not the client of, and one of a case outside a party's period; or null. */
    private Pair[] pairs(List<GeneratedDocument> documents) {
        Map<String, MutualCase> cases = cases(documents);
        Pair in = null;
        Pair out = null;
        for (GeneratedDocument document : documents) {
            MutualCase mutualCase = document.caseId() == null ? null : cases.get(document.caseId());
            if (mutualCase == null) {
                continue;
            }
            for (CaseParty party : mutualCase.parties()) {
                PartyStatus status = status(cases, document, party.clientId());
                if (status == PartyStatus.IN_PERIOD && in == null) {
                    in = new Pair(party.clientId(), document);
                } else if ((status == PartyStatus.BEFORE_JOINING || status == PartyStatus.AFTER_LEAVING)
                        && out == null) {
                    out = new Pair(party.clientId(), document);
                }
            }
        }
        return in != null && out != null ? new Pair[] {in, out} : null;
    }

    private PartyStatus status(Map<String, MutualCase> cases, GeneratedDocument document, String party) {
        MutualCase mutualCase = document.caseId() == null ? null : cases.get(document.caseId());
        if (mutualCase == null || document.clientId().equals(party)) {
            return PartyStatus.NOT_A_PARTY;
        }
        return mutualCase.statusOf(party, days.computeIfAbsent(document.documentOid(), oid -> parser
                .parse(document.xml()).metadata().effectiveTime().atZoneSameInstant(Hl7Timestamp.FINNISH_TIME)
                .toLocalDate()));
    }

    /** Each case with the parties its current topic versions name. */
    private Map<String, MutualCase> cases(List<GeneratedDocument> documents) {
        Map<String, GeneratedDocument> current = new LinkedHashMap<>();
        for (GeneratedDocument document : documents) {
            current.merge(document.setId(), document, (a, b) -> a.versionNumber() >= b.versionNumber() ? a : b);
        }
        Map<String, MutualCase> cases = new HashMap<>();
        for (GeneratedDocument document : current.values()) {
            ParsedDocument parsed = parser.parse(document.xml());
            MutualCase topic = MutualCaseTopicReader.readIfTopic(parsed.structuredForm(), document.controllerOid());
            if (topic != null) {
                cases.merge(topic.caseId(), topic, (a, b) -> {
                    List<CaseParty> parties = new ArrayList<>(a.parties());
                    parties.addAll(b.parties());
                    return new MutualCase(a.caseId(), a.organiser(), parties);
                });
            }
        }
        return cases;
    }
}

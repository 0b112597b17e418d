package fi.arkisto.app.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.access.extract.ClientRelationshipContent;
import fi.arkisto.store.access.extract.ClientRelationshipReader;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.accessrecords.ClientFactsService;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.generator.AccessRecord;
import fi.arkisto.testkit.generator.AccessRecordsLoader;
import fi.arkisto.testkit.generator.GeneratedDocument;
import fi.arkisto.testkit.generator.GeneratorOptions;
import fi.arkisto.testkit.generator.TestDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test data generator's access data in the running archive: its signed documents (client relationship documents
 * with providers and periods, mutual-case topic documents, non-disclosure clients) pass every archiving check, and
 * its side file of informing, consents, denials and agreements loads through the API, so that benchmarks and demos
 * have them.
 */
class GeneratedAccessDataApiTest extends ApiIntegrationTest {

    @Autowired
    ClientFactsService facts;

    @Test
    void generatedDocumentsArchiveAndTheirSideFileLoadsThroughTheApi(@TempDir Path out) {
        // given a generated population of an organisation of its own with two providers of its own, signed
        String organisation = newOrganisation();
        List<Oid> providers = List.of(Oid.of(newOrganisation()), Oid.of(newOrganisation()));
        GeneratorOptions options = GeneratorOptions.builder().count(250).seed(8).organisation(organisation)
                .providers(providers).signer(systemSignerFor(organisation)).professionalSigner(professionalSigner()).build();
        TestDataGenerator.GenerationSummary summary = new TestDataGenerator(options).write(out);
        List<GeneratedDocument> documents = new TestDataGenerator(options).documents().toList();

        // when every document is archived through the API, in order
        Map<String, GeneratedDocument> currentRelationship = new HashMap<>();
        for (GeneratedDocument document : documents) {
            HttpRequest.Builder request = asOrganisation("/api/v1/documents", organisation)
                    .header("Content-Type", "application/xml");
            if (document.documentGroup().equals("1")) {
                // the professional keeping client relationship documents may process data under non-disclosure: a
                // protected client's document needs it asserted (docs/access.md, "Archiving and nullifying")
                request.header("X-Non-Disclosure-Right", "true");
            }
            HttpResponse<byte[]> archived = send(request.POST(HttpRequest.BodyPublishers.ofByteArray(document.xml()))
                    .build());

            // then the archive accepts each: signatures, structures (the topic documents' too) and display forms
            assertThat(archived.statusCode()).as(document.fileName() + " " + document.contentSpecificationId() + ": "
                    + text(archived)).isEqualTo(201);
            if (document.documentGroup().equals("1")) {
                currentRelationship.put(document.clientId(), document);
            }
        }
        assertThat(documents).extracting(GeneratedDocument::contentSpecificationId)
                .contains("1.2.246.537.6.1505.9.2026.5.1");

        // and when the side file is loaded through the API as the organisation
        List<AccessRecord> records = AccessRecordsLoader.read(summary.accessRecordsFile());
        AccessRecordsLoader.LoadSummary loaded = new AccessRecordsLoader(uri("/"), ANY_ORGANISATION_CLIENT, PASSWORD,
                "testiaineisto").load(records);

        // then every record is made and every withdrawal too
        assertThat(loaded.failures()).isEmpty();
        assertThat(loaded.created()).isEqualTo(records.size());
        assertThat(loaded.withdrawn()).isEqualTo((int) records.stream().filter(AccessRecord::withdraw).count())
                .isPositive();

        // and each client's history shows what the file said
        AccessRecord consent = records.stream().filter(r -> r.kind().equals("consent")).findFirst().orElseThrow();
        JsonNode consents = json(getAs(consent.path(), organisation)).path("items");
        assertThat(consents.findValuesAsText("validFrom")).contains(consent.body().path("validFrom").asText());
        AccessRecord withdrawn = records.stream().filter(r -> r.withdraw() && r.clientId() != null).findFirst()
                .orElseThrow();
        assertThat(json(getAs(withdrawn.path(), organisation)).path("items").get(0).path("withdrawal")
                .path("reason").asText()).isEqualTo("Testiaineisto: peruttu");

        // and the client facts read the providers' periods, the agreements and non-disclosure from what was archived
        CdaParser parser = new CdaParser();
        int served = 0;
        int underNonDisclosure = 0;
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Helsinki"));
        for (GeneratedDocument document : currentRelationship.values()) {
            ClientRelationshipContent content = ClientRelationshipReader.read(parser.parse(document.xml()).structuredForm());
            ClientFacts clientFacts = facts.facts(document.clientId());
            assertThat(clientFacts.nonDisclosure()).isEqualTo(content.nonDisclosure());
            underNonDisclosure += content.nonDisclosure() ? 1 : 0;
            for (var entry : content.providers()) {
                String provider = entry.unitOid().substring(0, entry.unitOid().lastIndexOf('.')) + ".0";
                if (!providers.contains(Oid.of(provider))) {
                    continue;
                }
                boolean inEffect = entry.end() == null || !entry.end().isBefore(today);
                assertThat(ClientFactsService.serves(clientFacts, provider, today)).as(entry.toString())
                        .isEqualTo(inEffect);
                if (inEffect) {
                    // the provider serving the client under its agreement reads the client's records
                    assertThat(getAs("/api/v1/clients/" + document.clientId() + "/informing", provider).statusCode())
                            .isEqualTo(200);
                    served++;
                }
            }
        }
        assertThat(served).as("clients served by a provider today").isPositive();
        assertThat(underNonDisclosure).as("clients under non-disclosure").isPositive();
    }
}

package fi.arkisto.testkit.generator;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.extract.ClientRelationshipContent;
import fi.arkisto.store.access.extract.ClientRelationshipReader;
import fi.arkisto.store.access.extract.MutualCaseTopicReader;
import fi.arkisto.store.access.mutualcase.CaseParty;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.nondisclosure.LocationDataFields;
import fi.arkisto.store.access.registeraccess.ProviderPeriod;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's access facts, read back with the archive's own extraction: providers and their periods in client
 * relationship documents (ended by replacements), non-disclosure clients whose other documents carry no location,
 * mutual cases whose topic documents name the parties, and the side file of informing, consents, denials and
 * agreements.
 */
class GeneratedAccessFactsTest {

    private static final GeneratorOptions OPTIONS = GeneratorOptions.builder().count(800).seed(31).build();
    private static final CdaParser PARSER = new CdaParser();
    private static final AccessProperties.NonDisclosure KEYS = AccessProperties.defaults().nonDisclosure();
    private static final LocationDataFields LOCATION = new LocationDataFields(KEYS.personKeys(), KEYS.locationKeys());

    private static List<GeneratedDocument> documents;
    private static Map<String, ParsedDocument> parsed;

    @BeforeAll
    static void generate() {
        documents = new TestDataGenerator(OPTIONS).documents().toList();
        parsed = new HashMap<>();
        documents.forEach(d -> parsed.put(d.documentOid(), PARSER.parse(d.xml())));
    }

    /** The current (highest) version of every set. */
    private static Map<String, GeneratedDocument> currentVersions() {
        Map<String, GeneratedDocument> current = new HashMap<>();
        for (GeneratedDocument d : documents) {
            current.merge(d.setId(), d, (a, b) -> a.versionNumber() >= b.versionNumber() ? a : b);
        }
        return current;
    }

    @Test
    void clientRelationshipDocumentsNameProvidersWithPeriodsThatReplacementsEnd() {
        // when every current client relationship document is read as the archive reads its facts
        UnitOrganisation units = UnitOrganisation.byRule();
        List<ProviderPeriod> periods = new ArrayList<>();
        int handedOver = 0;
        for (GeneratedDocument d : currentVersions().values()) {
            if (!d.documentGroup().equals("1")) {
                continue;
            }
            ClientRelationshipContent content = ClientRelationshipReader.read(parsed.get(d.documentOid()).structuredForm());
            assertThat(content.clientId()).isEqualTo(d.clientId());
            List<ProviderPeriod> own = content.providerPeriods(d.controllerOid(), units);
            periods.addAll(own);
            if (own.size() == 2) {
                handedOver++;
                // a hand-over: the second provider starts the day after the first one's end
                assertThat(own.get(1).start()).isEqualTo(own.get(0).end().plusDays(1));
            }
        }

        // then outsourced providers' units resolve to the configured providers, some periods ended by a replacement
        Set<String> providers = OPTIONS.providers().stream().map(Oid::value).collect(Collectors.toSet());
        List<ProviderPeriod> outsourced = periods.stream()
                .filter(p -> !OPTIONS.organisation().value().equals(p.providerOrganisation())).toList();
        assertThat(outsourced).isNotEmpty().allSatisfy(p -> {
            assertThat(providers).contains(p.providerOrganisation());
            assertThat(p.serviceTask()).isNotNull();
            assertThat(p.socialServices()).isNotEmpty();
            assertThat(p.start()).isBeforeOrEqualTo(OPTIONS.today());
        });
        assertThat(outsourced).anyMatch(p -> p.end() != null).anyMatch(p -> p.end() == null);
        assertThat(periods).filteredOn(p -> p.end() != null).allSatisfy(p -> assertThat(p.end()).isAfter(p.start()));
        assertThat(handedOver).isPositive();
        // and every ended period was ended by a later version of its set, never by the first
        for (GeneratedDocument d : documents) {
            if (d.documentGroup().equals("1") && d.versionNumber() == 1) {
                ClientRelationshipContent first = ClientRelationshipReader.read(parsed.get(d.documentOid()).structuredForm());
                assertThat(first.providers()).allSatisfy(p -> assertThat(p.end()).isNull());
            }
        }
    }

    @Test
    void clientsUnderNonDisclosureHaveLocationDataOnlyInTheirClientRelationshipDocument() {
        // given the clients whose current client relationship document declares turvakielto
        Set<String> protectedClients = new HashSet<>();
        for (GeneratedDocument d : currentVersions().values()) {
            if (d.documentGroup().equals("1") && ClientRelationshipReader.read(parsed.get(d.documentOid()).structuredForm())
                    .nonDisclosure()) {
                protectedClients.add(d.clientId());
            }
        }
        assertThat(protectedClients).isNotEmpty();

        // then no other generated document carries a person's location data (the archive would refuse it)
        for (GeneratedDocument d : documents) {
            byte[] structured = parsed.get(d.documentOid()).structuredForm();
            if (structured != null && !d.documentGroup().equals("1")) {
                assertThat(LOCATION.present(structured)).as(d.fileName()).isFalse();
            }
            if (protectedClients.contains(d.clientId()) && !d.documentGroup().equals("1")) {
                String display = new String(parsed.get(d.documentOid()).displayForm(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(display).contains("Kotikunta: turvakielto");
            }
        }
    }

    @Test
    void mutualCasesHaveTopicDocumentsNamingThePartiesWithTheirPeriods() throws Exception {
        // when the current topic document of every mutual case is read
        List<MutualCase> cases = new ArrayList<>();
        for (GeneratedDocument d : currentVersions().values()) {
            if (GeneratorCodes.MUTUAL_CASE_STRUCTURE.equals(d.contentSpecificationId())) {
                assertThat(d.documentGroup()).isEqualTo("2");
                assertThat(d.generalDocumentType()).isEqualTo("5");
                cases.add(MutualCaseTopicReader.read(parsed.get(d.documentOid()).structuredForm(), d.controllerOid(),
                        id -> false));
            }
        }

        // then each names the topic document's client and every client whose documents are attached to the case
        assertThat(cases).isNotEmpty();
        Map<String, Set<String>> clientsPerCase = documents.stream().filter(d -> d.caseId() != null)
                .collect(Collectors.groupingBy(GeneratedDocument::caseId,
                        Collectors.mapping(GeneratedDocument::clientId, Collectors.toSet())));
        for (MutualCase mutualCase : cases) {
            Set<String> parties = mutualCase.parties().stream().map(CaseParty::clientId).collect(Collectors.toSet());
            assertThat(parties).hasSizeGreaterThanOrEqualTo(2).isEqualTo(clientsPerCase.get(mutualCase.caseId()));
            assertThat(mutualCase.parties()).allSatisfy(p -> assertThat(PersonalIdentityCode.of(p.clientId()).isTestCode())
                    .isTrue());
        }
        // and some party has left the case by a later version
        assertThat(cases).flatExtracting(MutualCase::parties).anyMatch(p -> p.until() != null);
    }

    @Test
    void theSideFileRecordsInformingConsentsDenialsAndAgreementsForTheGeneratedClients(@TempDir Path out) {
        // when the generator writes its output
        TestDataGenerator.GenerationSummary summary = new TestDataGenerator(OPTIONS).write(out);
        List<AccessRecord> records = AccessRecordsLoader.read(summary.accessRecordsFile());

        // then the side file holds what accessRecords() plans, line by line
        assertThat(records).hasSize((int) summary.accessRecords())
                .isEqualTo(new TestDataGenerator(OPTIONS).accessRecords());
        assertThat(records).extracting(AccessRecord::kind).contains("informing", "consent", "denial", "agreement");
        assertThat(records).anyMatch(AccessRecord::withdraw);

        // and every record is about a generated client of the organisation, its denials naming its own documents
        Map<String, Set<String>> setsPerClient = documents.stream().collect(Collectors.groupingBy(
                GeneratedDocument::clientId, Collectors.mapping(GeneratedDocument::setId, Collectors.toSet())));
        Set<String> agreed = new HashSet<>();
        for (AccessRecord record : records) {
            assertThat(record.organisation()).isEqualTo(OPTIONS.organisation().value());
            if (record.kind().equals("agreement")) {
                assertThat(record.path()).isEqualTo("/api/v1/register-access-agreements");
                agreed.add(record.body().path("provider").asText());
                continue;
            }
            assertThat(setsPerClient).containsKey(record.clientId());
            assertThat(record.path()).startsWith("/api/v1/clients/" + record.clientId() + "/");
            if (record.body().path("targetType").asText().equals("DOCUMENT")) {
                assertThat(setsPerClient.get(record.clientId())).contains(record.body().path("target").asText());
            }
        }
        assertThat(agreed).isEqualTo(OPTIONS.providers().stream().map(Oid::value).collect(Collectors.toSet()));
    }
}

package fi.arkisto.testkit.generator;

import fi.arkisto.store.identity.PersonalIdentityCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TestDataGeneratorTest {

    private static List<GeneratedDocument> generate(int count, long seed) {
        return new TestDataGenerator(GeneratorOptions.builder().count(count).seed(seed).build()).documents().toList();
    }

    @Test
    void writesOneFilePerDocumentInArchivingOrderWithAManifest(@TempDir Path out) throws Exception {
        // given
        GeneratorOptions options = GeneratorOptions.builder().count(60).seed(7).outDir(out).build();

        // when
        TestDataGenerator.GenerationSummary summary = new TestDataGenerator(options).write();

        // then
        assertThat(summary.documents()).isEqualTo(60);
        List<String> files;
        try (Stream<Path> listing = Files.list(out)) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
        }
        assertThat(files).hasSize(60);
        List<String> manifest = Files.readAllLines(out.resolve(TestDataGenerator.MANIFEST));
        assertThat(manifest.get(0)).isEqualTo(TestDataGenerator.MANIFEST_HEADER);
        assertThat(manifest).hasSize(61);
        for (int i = 0; i < 60; i++) {
            String[] row = manifest.get(i + 1).split(",", -1);
            assertThat(row[0]).isEqualTo(Integer.toString(i + 1));
            // sorted file names list the documents in manifest (= archiving) order
            assertThat(row[1]).isEqualTo(files.get(i));
            assertThat(files.get(i)).endsWith("-" + row[2] + ".xml");
            assertThat(row[15]).hasSize(64);
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherOids() {
        // given / when
        List<GeneratedDocument> first = generate(30, 42);
        List<GeneratedDocument> again = generate(30, 42);
        List<GeneratedDocument> other = generate(30, 43);

        // then
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).xml()).isEqualTo(first.get(i).xml());
        }
        Set<String> oids = first.stream().map(GeneratedDocument::documentOid).collect(Collectors.toSet());
        assertThat(oids).hasSize(30);
        assertThat(other).noneMatch(d -> oids.contains(d.documentOid()));
    }

    @Test
    void usesOnlyValidTestIdentityCodesWithEveryKindOfCenturySign() {
        // given / when
        List<GeneratedDocument> documents = generate(1500, 3);

        // then
        Set<Character> signs = new HashSet<>();
        for (GeneratedDocument document : documents) {
            assertThat(PersonalIdentityCode.isValid(document.clientId())).as(document.clientId()).isTrue();
            assertThat(PersonalIdentityCode.of(document.clientId()).isTestCode()).isTrue();
            signs.add(document.clientId().charAt(6));
            String xml = new String(document.xml(), StandardCharsets.UTF_8);
            // the author's identity code is a test code too
            for (String code : xml.split("extension=\"")) {
                if (code.length() > 11 && code.charAt(11) == '"' && PersonalIdentityCode.isValid(code.substring(0, 11))) {
                    assertThat(PersonalIdentityCode.of(code.substring(0, 11)).isTestCode()).isTrue();
                }
            }
        }
        // the signs of 1900 and 2000 from before 2023 and the ones added in 2023
        assertThat(signs).contains('-', 'A').containsAnyOf('Y', 'X', 'W', 'V', 'U').containsAnyOf('B', 'C', 'D', 'E', 'F');
    }

    @Test
    void writesEveryDocumentGroupCasesAndReplacementsAfterTheirOriginals() {
        // given / when
        List<GeneratedDocument> documents = generate(400, 11);

        // then
        assertThat(documents.stream().map(GeneratedDocument::documentGroup).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("1", "2", "3", "4");
        assertThat(documents.stream().map(GeneratedDocument::generalDocumentType).collect(Collectors.toSet()))
                .contains("1", "2", "3", "4", "9");
        assertThat(documents.stream().map(GeneratedDocument::serviceTask).collect(Collectors.toSet())).contains("24");
        Map<String, Long> perCase = documents.stream().filter(d -> d.caseId() != null)
                .collect(Collectors.groupingBy(GeneratedDocument::caseId, Collectors.counting()));
        assertThat(perCase.values()).anyMatch(n -> n >= 2);
        assertThat(documents).filteredOn(d -> d.caseId() != null).allMatch(d -> d.documentGroup().equals("2"));
        Map<String, Set<String>> clientsPerCase = documents.stream().filter(d -> d.caseId() != null)
                .collect(Collectors.groupingBy(GeneratedDocument::caseId,
                        Collectors.mapping(GeneratedDocument::clientId, Collectors.toSet())));
        assertThat(clientsPerCase.values()).as("mutual cases").anyMatch(clients -> clients.size() >= 2);

        Map<String, GeneratedDocument> seen = new HashMap<>();
        int replacements = 0;
        for (GeneratedDocument document : documents) {
            if (document.replacesDocumentOid() != null) {
                replacements++;
                GeneratedDocument original = seen.get(document.replacesDocumentOid());
                assertThat(original).as("original archived before its replacement").isNotNull();
                assertThat(document.setId()).isEqualTo(original.setId());
                assertThat(document.versionNumber()).isEqualTo(original.versionNumber() + 1);
                String xml = new String(document.xml(), StandardCharsets.UTF_8);
                assertThat(xml).contains("<relatedDocument typeCode=\"RPLC\">").contains("<ep2:reasonOfCorrection>");
            } else {
                assertThat(document.setId()).isEqualTo(document.documentOid());
            }
            seen.put(document.documentOid(), document);
        }
        assertThat(replacements).isPositive();
    }

    @Test
    void everyDocumentIsACdaDocumentWithXhtmlDisplayFormAndJsonStructuredForm() throws Exception {
        // given
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);

        // when
        List<GeneratedDocument> documents = generate(120, 5);

        // then
        for (GeneratedDocument generated : documents) {
            Document cda = factory.newDocumentBuilder().parse(new ByteArrayInputStream(generated.xml()));
            assertThat(cda.getDocumentElement().getNamespaceURI()).isEqualTo("urn:hl7-org:v3");
            assertThat(cda.getDocumentElement().getLocalName()).isEqualTo("ClinicalDocument");
            var body = cda.getElementsByTagNameNS("urn:hl7-org:v3", "nonXMLBody").item(0);
            assertThat(((org.w3c.dom.Element) body).getAttribute("ID")).isEqualTo("OID" + generated.documentOid());
            String text = cda.getElementsByTagNameNS("urn:hl7-org:v3", "text").item(0).getTextContent();
            byte[] xhtml = Base64.getMimeDecoder().decode(text);
            Document display = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml));
            assertThat(display.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/1999/xhtml");
            var json = cda.getElementsByTagNameNS("urn:hl7finland", "json");
            var spec = cda.getElementsByTagNameNS("urn:hl7finland", "contentSpecificationId");
            if (generated.contentSpecificationId() == null) {
                assertThat(json.getLength()).isZero();
                assertThat(spec.getLength()).isZero();
            } else {
                String decoded = new String(Base64.getMimeDecoder().decode(json.item(0).getTextContent()),
                        StandardCharsets.UTF_8);
                assertThat(decoded).contains(generated.clientId());
                assertThat(spec.item(0).getTextContent()).isEqualTo(generated.contentSpecificationId());
                assertThat(GeneratorCodes.STRUCTURES).contains(generated.contentSpecificationId());
            }
        }
    }

    @Test
    void appliesTheSignerToEveryDocumentAndTheProfessionalSignerToDecisionsAndStatements() {
        // given
        GeneratorOptions options = GeneratorOptions.builder().count(200).seed(9)
                .signer(xml -> append(xml, "<!--system-->"))
                .professionalSigner(xml -> append(xml, "<!--professional-->"))
                .build();

        // when
        List<GeneratedDocument> documents = new TestDataGenerator(options).documents().toList();

        // then
        for (GeneratedDocument document : documents) {
            String xml = new String(document.xml(), StandardCharsets.UTF_8);
            boolean professional = "1".equals(document.generalDocumentType()) || "2".equals(document.generalDocumentType());
            assertThat(xml).endsWith(professional ? "<!--professional-->" : "<!--system-->");
        }
    }

    @Test
    void streamsWithoutGeneratingAheadOfTheConsumer() {
        // given a generator asked for more documents than could ever fit in memory
        TestDataGenerator generator = new TestDataGenerator(GeneratorOptions.builder().count(Integer.MAX_VALUE).build());

        // when
        List<GeneratedDocument> firstFive = generator.documents().limit(5).toList();

        // then
        assertThat(firstFive).extracting(GeneratedDocument::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    private static byte[] append(byte[] xml, String marker) {
        byte[] tail = marker.getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(xml, xml.length + tail.length);
        System.arraycopy(tail, 0, out, xml.length, tail.length);
        return out;
    }
}

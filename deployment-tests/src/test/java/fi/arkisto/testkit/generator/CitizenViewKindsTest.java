package fi.arkisto.testkit.generator;

import fi.arkisto.store.identity.Oid;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds of documents the citizen's view tells apart that the generator makes only when asked
 * ({@link GeneratorOptions#restrictedDocuments()}, {@link GeneratorOptions#otherRegisters()}, {@link GeneratorOptions#locationDataInCases()}): restricted reports, some
 * lifted by a later version, documents in other controllers' registers and case documents with the client's home
 * town; each described in its
 * {@link GeneratedDocument} as it is written in the CDA.
 */
class CitizenViewKindsTest {

    private static final Oid SHELTER = Oid.of("1.2.246.10.22295005.10.0");
    private static final Oid PAYMENTS = Oid.of("1.2.246.10.99999902.10.0");

    private static List<GeneratedDocument> generate(boolean kinds) {
        GeneratorOptions.Builder options = GeneratorOptions.builder().count(400).seed(31);
        if (kinds) {
            options.restrictedDocuments(true).otherRegisters(List.of(SHELTER, PAYMENTS)).locationDataInCases(true);
        }
        return new TestDataGenerator(options.build()).documents().toList();
    }

    private static String xml(GeneratedDocument document) {
        return new String(document.xml(), StandardCharsets.UTF_8);
    }

    /** The JSON structured form, as the CDA carries it (base64 in {@code hl7fi:json}). */
    private static String structuredForm(GeneratedDocument document) {
        java.util.regex.Matcher json = java.util.regex.Pattern.compile("<ep2:json[^>]*>([^<]+)</ep2:json>")
                .matcher(xml(document));
        assertThat(json.find()).as(document.fileName()).isTrue();
        return new String(java.util.Base64.getMimeDecoder().decode(json.group(1)), StandardCharsets.UTF_8);
    }

    @Test
    void withoutTheOptionsNoDocumentIsRestrictedOrInAnotherRegister() {
        // given / when
        List<GeneratedDocument> documents = generate(false);

        // then
        assertThat(documents).allSatisfy(d -> {
            assertThat(d.restriction()).isNull();
            assertThat(d.locationData()).isFalse();
            assertThat(d.controllerOid()).isEqualTo(GeneratorOptions.DEFAULT_ORGANISATION);
            assertThat(xml(d)).doesNotContain("inaccessibleArgument", "authorizationRestrictionArgument");
        });
    }

    @Test
    void restrictedReportsCarryTheirArgumentAndSomeAreLiftedByALaterVersionWithoutIt() {
        // given / when
        List<GeneratedDocument> documents = generate(true);
        Map<String, GeneratedDocument> byOid = documents.stream()
                .collect(Collectors.toMap(GeneratedDocument::documentOid, Function.identity()));

        // then each restricted version says so in its local social header, by the argument its description names
        List<GeneratedDocument> restricted = documents.stream().filter(d -> d.restriction() != null).toList();
        assertThat(restricted).extracting(GeneratedDocument::restriction)
                .contains("INACCESSIBLE", "AUTHORIZATION_RESTRICTION");
        assertThat(documents).allSatisfy(d -> {
            assertThat(xml(d).contains("<ep2:inaccessibleArgument code=\"1\" codeSystem=\"1.2.246.537.6.1288.201901\"/>"))
                    .as(d.fileName()).isEqualTo("INACCESSIBLE".equals(d.restriction()));
            assertThat(xml(d).contains("<ep2:authorizationRestrictionArgument>"))
                    .as(d.fileName()).isEqualTo("AUTHORIZATION_RESTRICTION".equals(d.restriction()));
        });
        // and some restricted reports are replaced by a version without the restriction, later and in the same set
        List<GeneratedDocument> lifting = documents.stream().filter(d -> d.restriction() == null
                && d.replacesDocumentOid() != null && byOid.get(d.replacesDocumentOid()).restriction() != null).toList();
        assertThat(lifting).isNotEmpty().allSatisfy(d -> {
            GeneratedDocument original = byOid.get(d.replacesDocumentOid());
            assertThat(d.setId()).isEqualTo(original.setId());
            assertThat(d.sequence()).isGreaterThan(original.sequence());
            assertThat(d.effectiveDay()).isAfterOrEqualTo(original.effectiveDay());
        });
    }

    @Test
    void documentsInAnotherRegisterNameThatControllerAndBelongToClientsOfTheOrganisation() {
        // given / when
        List<GeneratedDocument> documents = generate(true);
        Set<String> ownClients = documents.stream()
                .filter(d -> d.controllerOid().equals(GeneratorOptions.DEFAULT_ORGANISATION))
                .map(GeneratedDocument::clientId).collect(Collectors.toSet());

        // then both registers hold a client relationship document and a report of a client of the organisation, the
        // register's controller as custodian and service organiser
        List<GeneratedDocument> elsewhere = documents.stream()
                .filter(d -> !d.controllerOid().equals(GeneratorOptions.DEFAULT_ORGANISATION)).toList();
        assertThat(elsewhere).extracting(GeneratedDocument::controllerOid)
                .contains(SHELTER.value(), PAYMENTS.value()).allMatch(c -> c.equals(SHELTER.value())
                        || c.equals(PAYMENTS.value()));
        assertThat(elsewhere).extracting(GeneratedDocument::documentGroup).contains("1", "3");
        assertThat(elsewhere).allSatisfy(d -> {
            assertThat(ownClients).contains(d.clientId());
            assertThat(xml(d)).contains("<representedCustodianOrganization>\n\t\t\t\t<id root=\"" + d.controllerOid())
                    .contains("<ep2:outsourcingServiceCustomer root=\"" + d.controllerOid());
            assertThat(d.serviceUnitOid()).startsWith(d.controllerOid().substring(0, d.controllerOid().length() - 1));
            assertThat(d.caseId()).isNull();
        });
    }

    @Test
    void caseDocumentsCarryTheClientsHomeTownOnlyWhileNobodyOfTheCaseIsUnderNonDisclosure() {
        // given / when
        List<GeneratedDocument> documents = generate(true);
        Set<String> protectedClients = documents.stream().filter(GeneratedDocument::nonDisclosure)
                .map(GeneratedDocument::clientId).collect(Collectors.toSet());

        // then some case documents carry it, written in the structured form's client, and only those
        List<GeneratedDocument> located = documents.stream().filter(GeneratedDocument::locationData).toList();
        assertThat(located).isNotEmpty().allSatisfy(d -> {
            assertThat(d.documentGroup()).isEqualTo("2");
            assertThat(protectedClients).doesNotContain(d.clientId());
        });
        assertThat(documents).filteredOn(d -> d.documentGroup().equals("2")).allSatisfy(d ->
                assertThat(structuredForm(d).contains("\"kotikunta\"")).as(d.fileName()).isEqualTo(d.locationData()));
        // and none after a protected party's topic version of its case was written
        Set<String> casesWithProtectedParty = new java.util.HashSet<>();
        for (GeneratedDocument d : documents) {
            if (d.locationData()) {
                assertThat(casesWithProtectedParty).as(d.fileName()).doesNotContain(d.caseId());
            }
            if (d.parties().stream().anyMatch(p -> protectedClients.contains(p.clientId()))) {
                casesWithProtectedParty.add(d.caseId());
            }
        }
    }
}

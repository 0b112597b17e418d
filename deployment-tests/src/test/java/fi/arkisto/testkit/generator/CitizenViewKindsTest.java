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
 * ({@link GeneratorOptions#restrictedDocuments()}, {@link GeneratorOptions#otherRegisters()}): restricted reports, some
 * lifted by a later version, and documents in other controllers' registers; each described in its
 * {@link GeneratedDocument} as it is written in the CDA.
 */
class CitizenViewKindsTest {

    private static final Oid SHELTER = Oid.of("1.2.246.10.22295005.10.0");
    private static final Oid PAYMENTS = Oid.of("1.2.246.10.99999902.10.0");

    private static List<GeneratedDocument> generate(boolean kinds) {
        GeneratorOptions.Builder options = GeneratorOptions.builder().count(400).seed(31);
        if (kinds) {
            options.restrictedDocuments(true).otherRegisters(List.of(SHELTER, PAYMENTS));
        }
        return new TestDataGenerator(options.build()).documents().toList();
    }

    private static String xml(GeneratedDocument document) {
        return new String(document.xml(), StandardCharsets.UTF_8);
    }

    @Test
    void withoutTheOptionsNoDocumentIsRestrictedOrInAnotherRegister() {
        // given / when
        List<GeneratedDocument> documents = generate(false);

        // then
        assertThat(documents).allSatisfy(d -> {
            assertThat(d.restriction()).isNull();
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
}

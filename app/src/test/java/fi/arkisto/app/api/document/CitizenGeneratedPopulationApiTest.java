package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.generator.GeneratedDocument;
import fi.arkisto.testkit.generator.GeneratedDocument.Party;
import fi.arkisto.testkit.generator.GeneratorOptions;
import fi.arkisto.testkit.generator.TestDataGenerator;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen's view (docs/access.md, "The citizen's view" and "The citizen API") over a generated population with
 * every kind of document the view tells apart: own documents, mutual cases with party periods, old documents, a
 * stage-1 controller's documents, reports a professional restricted (by either argument, some lifted by a later
 * version), documents in the registers the view hides (shelter services, payment commitments, prevention of
 * intimate-partner violence) and case documents with location data of a case another party of which is under
 * non-disclosure. What each citizen should see is worked out from the generator's own description of what
 * it generated (client, register, group, restriction, case and parties with their periods), not by the archive's
 * rules.
 */
class CitizenGeneratedPopulationApiTest extends ApiIntegrationTest {

    private static final String SHELTER_SERVICES = AccessProperties.CitizenView.THL;
    private static final Pattern CUSTODIAN = Pattern.compile(
            "<representedCustodianOrganization>\\s*<id root=\"([^\"]+)\"");
    private static final String SHOWN = "SHOWN";

    /** A population of the organisation's own, with documents of its clients in the registers the view tells apart. */
    private static List<GeneratedDocument> population(String organisation) {
        List<Oid> registers = List.of(Oid.of(SHELTER_SERVICES), Oid.of(PAYMENT_COMMITMENT_CONTROLLER),
                Oid.of(INTIMATE_PARTNER_VIOLENCE_CONTROLLER), Oid.of(STAGE_ONE_CONTROLLER));
        GeneratorOptions options = GeneratorOptions.builder().count(320).seed(1337).organisation(organisation)
                .providers(List.of()).restrictedDocuments(true).otherRegisters(registers).locationDataInCases(true)
                .signer(custodiansSystemSigner()).professionalSigner(professionalSigner()).build();
        return new TestDataGenerator(options).documents().toList();
    }

    /** Each document signed by its own register controller's client information system. */
    private static UnaryOperator<byte[]> custodiansSystemSigner() {
        Map<String, UnaryOperator<byte[]>> signers = new HashMap<>();
        return xml -> {
            Matcher custodian = CUSTODIAN.matcher(new String(xml, StandardCharsets.UTF_8));
            assertThat(custodian.find()).isTrue();
            return signers.computeIfAbsent(custodian.group(1), ApiIntegrationTest::systemSignerFor).apply(xml);
        };
    }

    @Test
    void eachCitizenSeesExactlyWhatTheViewShowsOfAGeneratedPopulationAndIsRefusedTheRestWithTheRulesCode() {
        // given a generated population with every kind of document, archived through the API by each register's
        // controller, in order
        String organisation = newOrganisation();
        long started = System.nanoTime();
        List<GeneratedDocument> documents = population(organisation);
        for (GeneratedDocument document : documents) {
            HttpRequest.Builder request = asOrganisation("/api/v1/documents", document.controllerOid())
                    .header("Content-Type", "application/xml");
            if (document.documentGroup().equals("1")) {
                // a protected client's relationship document needs the right asserted (docs/access.md, "Archiving")
                request.header("X-Non-Disclosure-Right", "true");
            }
            HttpResponse<byte[]> archived = send(request.POST(HttpRequest.BodyPublishers.ofByteArray(document.xml()))
                    .build());
            assertThat(archived.statusCode()).as(document.fileName() + ": " + text(archived)).isEqualTo(201);
        }
        long archivedAt = System.nanoTime();
        Expectations expected = new Expectations(documents);
        assertThat(expected.codesGenerated()).as("every kind of document the citizen's view tells apart").contains(
                SHOWN, "MUTUAL_CASE_PARTY", "NOT_THE_CLIENTS_DOCUMENT", "MUTUAL_CASE_BEFORE_PARTY_JOINED",
                "MUTUAL_CASE_AFTER_PARTY_LEFT", "CITIZEN_OLD_DOCUMENT", "CITIZEN_STAGE_ONE_DOCUMENT",
                "CITIZEN_INACCESSIBLE_ARGUMENT", "CITIZEN_AUTHORIZATION_RESTRICTION", "CITIZEN_SHELTER_SERVICE",
                "CITIZEN_PAYMENT_COMMITMENT", "CITIZEN_INTIMATE_PARTNER_VIOLENCE", "CITIZEN_OTHER_PARTY_NON_DISCLOSURE");
        assertThat(expected.liftedRestrictions()).as("restrictions lifted by a later version").isPositive();

        // when each client of the population lists its documents as a citizen, every page
        Map<String, List<String>> refusedSamples = new TreeMap<>();
        for (String citizen : expected.citizens()) {
            Map<String, String> listed = listAllPages(citizen);

            // then the list is exactly what the view shows of the current versions, with the relation
            assertThat(listed).as("the citizen's list of " + citizen).isEqualTo(expected.shown(citizen));
            expected.refused(citizen).forEach((oid, code) -> {
                List<String> sample = refusedSamples.computeIfAbsent(code, c -> new ArrayList<>());
                if (sample.size() < 4) {
                    sample.add(citizen + " " + oid);
                }
            });
        }
        long listedAt = System.nanoTime();

        // and reading a sample of the hidden documents by identifier is refused with the code of its kind
        int refusals = 0;
        for (Map.Entry<String, List<String>> entry : refusedSamples.entrySet()) {
            for (String pair : entry.getValue()) {
                String[] citizenAndOid = pair.split(" ");
                HttpResponse<byte[]> read = send(asCitizen("/api/v1/citizen/documents/" + citizenAndOid[1],
                        citizenAndOid[0]).GET().build());
                assertProblem(read, 403, entry.getKey());
                refusals++;
            }
        }
        // and those of the shown documents a citizen reads answer, with the relation the list gave
        for (String citizen : expected.citizens().subList(0, 5)) {
            for (Map.Entry<String, String> shown : expected.shown(citizen).entrySet()) {
                HttpResponse<byte[]> read = send(asCitizen("/api/v1/citizen/documents/" + shown.getKey(), citizen)
                        .GET().build());
                assertThat(read.statusCode()).as(text(read)).isEqualTo(200);
                assertThat(json(read).path("access").path("basis").asText()).isEqualTo("CITIZEN_OWN");
            }
        }
        System.out.printf("citizen population: %d documents archived in %d ms; %d citizens listed in %d ms; %d "
                        + "refusals read%n", documents.size(), (archivedAt - started) / 1_000_000,
                expected.citizens().size(), (listedAt - archivedAt) / 1_000_000, refusals);
        assertThat(refusedSamples.keySet()).contains("CITIZEN_SHELTER_SERVICE", "CITIZEN_PAYMENT_COMMITMENT",
                "CITIZEN_INTIMATE_PARTNER_VIOLENCE", "CITIZEN_STAGE_ONE_DOCUMENT", "CITIZEN_OLD_DOCUMENT",
                "CITIZEN_INACCESSIBLE_ARGUMENT", "CITIZEN_AUTHORIZATION_RESTRICTION",
                "MUTUAL_CASE_BEFORE_PARTY_JOINED", "MUTUAL_CASE_AFTER_PARTY_LEFT", "NOT_THE_CLIENTS_DOCUMENT",
                "CITIZEN_OTHER_PARTY_NON_DISCLOSURE");
    }

    /** Every page of the citizen's list, small pages so that some lists span several: document OID to relation. */
    private Map<String, String> listAllPages(String citizen) {
        Map<String, String> listed = new LinkedHashMap<>();
        long total = -1;
        for (int page = 0; total < 0 || listed.size() < total; page++) {
            HttpResponse<byte[]> response = send(asCitizen("/api/v1/citizen/documents?size=4&page=" + page, citizen)
                    .GET().build());
            assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
            JsonNode answer = json(response);
            total = answer.path("total").asLong();
            if (answer.path("items").isEmpty()) {
                break;
            }
            for (JsonNode item : answer.path("items")) {
                assertThat(item.path("basis").asText()).isEqualTo("CITIZEN_OWN");
                assertThat(listed.put(item.path("documentOid").asText(), item.path("relation").asText()))
                        .as("listed once").isNull();
            }
        }
        assertThat(listed).hasSize((int) total);
        return listed;
    }

    /**
     * What the citizen's view should make of the generated documents, from the generator's description alone: a
     * document pertains to its client, and to a party of its mutual case on the days of the party's period (the case's
     * current topic version names them); of those, old, stage-1, restricted (this version or the set's current one)
     * and hidden registers' documents are not shown, nor location data while another party is under non-disclosure.
     */
    private static final class Expectations {

        private final List<GeneratedDocument> all;
        private final Map<String, GeneratedDocument> current = new LinkedHashMap<>();
        private final Map<String, List<Party>> parties = new HashMap<>();
        private final Set<String> citizens = new LinkedHashSet<>();
        private final Set<String> protectedClients = new java.util.HashSet<>();

        Expectations(List<GeneratedDocument> all) {
            this.all = all;
            for (GeneratedDocument document : all) {
                current.merge(document.setId(), document, (a, b) -> a.versionNumber() >= b.versionNumber() ? a : b);
                citizens.add(document.clientId());
                if (document.nonDisclosure()) {
                    protectedClients.add(document.clientId());
                }
            }
            for (GeneratedDocument document : current.values()) {
                if (!document.parties().isEmpty()) {
                    parties.put(document.caseId(), document.parties());
                }
            }
        }

        List<String> citizens() {
            return List.copyOf(citizens);
        }

        /** The current versions the citizen's list shows: OID to relation. */
        Map<String, String> shown(String citizen) {
            Map<String, String> shown = new HashMap<>();
            for (GeneratedDocument document : current.values()) {
                if (decide(document, citizen).equals(SHOWN)) {
                    shown.put(document.documentOid(), document.clientId().equals(citizen) ? "OWN_CLIENT"
                            : "MUTUAL_CASE_PARTY");
                }
            }
            return shown;
        }

        /** Every version (replaced ones too) a read by the citizen is refused: OID to the code. */
        Map<String, String> refused(String citizen) {
            Map<String, String> refused = new LinkedHashMap<>();
            for (GeneratedDocument document : all) {
                String code = decide(document, citizen);
                if (!code.equals(SHOWN) && !code.equals("MUTUAL_CASE_PARTY")) {
                    refused.put(document.documentOid(), code);
                }
            }
            return refused;
        }

        Set<String> codesGenerated() {
            Set<String> codes = new java.util.TreeSet<>();
            for (String citizen : citizens) {
                for (GeneratedDocument document : all) {
                    String code = decide(document, citizen);
                    codes.add(code);
                    if (code.equals(SHOWN) && !document.clientId().equals(citizen)) {
                        codes.add("MUTUAL_CASE_PARTY");
                    }
                }
            }
            return codes;
        }

        long liftedRestrictions() {
            Map<String, GeneratedDocument> byOid = new HashMap<>();
            all.forEach(d -> byOid.put(d.documentOid(), d));
            return all.stream().filter(d -> d.restriction() == null && d.replacesDocumentOid() != null
                    && byOid.get(d.replacesDocumentOid()).restriction() != null).count();
        }

        private String decide(GeneratedDocument document, String citizen) {
            if (!document.clientId().equals(citizen)) {
                String period = period(document, citizen);
                if (period != null) {
                    return period;
                }
            }
            if (document.documentGroup().equals("4")) {
                return "CITIZEN_OLD_DOCUMENT";
            }
            if (document.controllerOid().equals(STAGE_ONE_CONTROLLER)) {
                return "CITIZEN_STAGE_ONE_DOCUMENT";
            }
            String restriction = document.restriction() != null ? document.restriction()
                    : current.get(document.setId()).restriction();
            if (restriction != null) {
                return restriction.equals("INACCESSIBLE") ? "CITIZEN_INACCESSIBLE_ARGUMENT"
                        : "CITIZEN_AUTHORIZATION_RESTRICTION";
            }
            switch (document.controllerOid()) {
                case SHELTER_SERVICES -> {
                    return "CITIZEN_SHELTER_SERVICE";
                }
                case PAYMENT_COMMITMENT_CONTROLLER -> {
                    return "CITIZEN_PAYMENT_COMMITMENT";
                }
                case INTIMATE_PARTNER_VIOLENCE_CONTROLLER -> {
                    return "CITIZEN_INTIMATE_PARTNER_VIOLENCE";
                }
                default -> {
                }
            }
            boolean anotherProtected = document.caseId() != null && parties.getOrDefault(document.caseId(), List.of())
                    .stream().anyMatch(p -> !p.clientId().equals(citizen) && protectedClients.contains(p.clientId()));
            return document.locationData() && anotherProtected ? "CITIZEN_OTHER_PARTY_NON_DISCLOSURE" : SHOWN;
        }

        /** Null when the citizen is a party of the document's case on its day, else the code of why not. */
        private String period(GeneratedDocument document, String citizen) {
            List<Party> caseParties = document.caseId() == null ? List.of()
                    : parties.getOrDefault(document.caseId(), List.of());
            List<Party> own = caseParties.stream().filter(p -> p.clientId().equals(citizen)).toList();
            if (own.isEmpty()) {
                return "NOT_THE_CLIENTS_DOCUMENT";
            }
            String why = null;
            for (Party party : own) {
                if (document.effectiveDay().isBefore(party.from())) {
                    why = why == null ? "MUTUAL_CASE_BEFORE_PARTY_JOINED" : why;
                } else if (party.to() != null && document.effectiveDay().isAfter(party.to())) {
                    why = "MUTUAL_CASE_AFTER_PARTY_LEFT";
                } else {
                    return null;
                }
            }
            return why;
        }
    }
}

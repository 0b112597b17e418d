package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guardian reading a minor's documents through the citizen API (docs/access.md, "A guardian on a minor's behalf"):
 * the token issuer vouches for the guardianship in the configured claim, and the citizen's view decides the rest.
 * Each test has its own people and organisation.
 */
class GuardianApiTest extends ApiIntegrationTest {

    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);

    @Autowired
    AuditLog audit;

    /** A test identity code of someone born on the day. */
    private static String bornOn(LocalDate day) {
        String date = String.format("%02d%02d%02d", day.getDayOfMonth(), day.getMonthValue(), day.getYear() % 100);
        String individual = Integer.toString(900 + ThreadLocalRandom.current().nextInt(100));
        char check = "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(Integer.parseInt(date + individual) % 31);
        return date + (day.getYear() >= 2000 ? 'A' : '-') + individual + check;
    }

    private HttpRequest.Builder asGuardian(String path, String guardian, List<String> minors) {
        return withBearer(path, CITIZEN_ISSUER.token("urn:oid:1.2.246.21", guardian, CITIZEN_ISSUER_NAME, Instant.now(),
                Duration.ofMinutes(10), Map.of(GUARDIAN_OF_CLAIM, minors)));
    }

    private String archiveAs(String organisation, KantaSamples.Builder document) {
        HttpResponse<byte[]> archived = send(asOrganisation("/api/v1/documents", organisation)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedFor(organisation, document))).build());
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        return document.oidValue();
    }

    private static List<String> listed(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        List<String> oids = new ArrayList<>();
        json(response).path("items").forEach(item -> oids.add(item.path("documentOid").asText()));
        return oids;
    }

    @Test
    void aGuardianTheTokenVouchesForSeesTheMinorsDocumentsButNotOneTheMinorRefusedThemNorAnAdultsNorAnyoneElses() {
        // given a minor's client relationship document (disclosable to the guardians, as the real sample says) and a
        // report the minor refused to disclose to them, an adult's document, and another child's
        String organisation = newOrganisation();
        String minor = bornOn(LocalDate.now().minusYears(12));
        String adult = bornOn(LocalDate.now().minusYears(30));
        String otherChild = bornOn(LocalDate.now().minusYears(8));
        String guardian = bornOn(LocalDate.now().minusYears(40));
        String relationship = archiveClientRelationship(organisation, minor, JANUARY, null);
        String refused = archiveAs(organisation, derivedDocument().client(minor).controller(organisation)
                .serviceTask("21").guardianDisclosure("2"));
        String adults = archiveClientRelationship(organisation, adult, JANUARY, null);
        archiveClientRelationship(organisation, otherChild, JANUARY, null);

        // when the guardian, whose token vouches for the minor and the adult, lists and reads the minor's documents
        List<String> vouched = List.of(minor, adult);
        HttpResponse<byte[]> list = send(asGuardian("/api/v1/citizen/documents?onBehalfOf=" + minor, guardian, vouched)
                .GET().build());
        HttpResponse<byte[]> metadata = send(asGuardian("/api/v1/citizen/documents/" + relationship + "?onBehalfOf="
                + minor, guardian, vouched).GET().build());
        HttpResponse<byte[]> display = send(asGuardian("/api/v1/citizen/documents/" + relationship + "/display?onBehalfOf="
                + minor, guardian, vouched).GET().build());

        // then the minor's disclosable document, on the guardian's basis, and not the refused one
        assertThat(listed(list)).containsExactly(relationship);
        assertThat(json(list).path("items").get(0).path("basis").asText()).isEqualTo("GUARDIAN");
        assertThat(metadata.statusCode()).as(text(metadata)).isEqualTo(200);
        JsonNode read = json(metadata);
        assertThat(read.path("clientId").asText()).isEqualTo(minor);
        assertThat(read.path("access").path("basis").asText()).isEqualTo("GUARDIAN");
        assertThat(display.statusCode()).as(text(display)).isEqualTo(200);
        assertProblem(send(asGuardian("/api/v1/citizen/documents/" + refused + "?onBehalfOf=" + minor, guardian,
                vouched).GET().build()), 403, "MINOR_REFUSED_DISCLOSURE_TO_GUARDIAN");
        // and nothing of an adult, even with the token's word for it
        assertThat(listed(send(asGuardian("/api/v1/citizen/documents?onBehalfOf=" + adult, guardian, vouched).GET()
                .build()))).isEmpty();
        assertProblem(send(asGuardian("/api/v1/citizen/documents/" + adults + "?onBehalfOf=" + adult, guardian,
                vouched).GET().build()), 403, "GUARDIAN_CLIENT_NOT_A_MINOR");
        // and nobody the token does not vouch for, refused before anything is read
        assertProblem(send(asGuardian("/api/v1/citizen/documents?onBehalfOf=" + otherChild, guardian, vouched).GET()
                .build()), 403, "GUARDIANSHIP_NOT_ASSERTED");
        assertProblem(send(asCitizen("/api/v1/citizen/documents/" + relationship + "?onBehalfOf=" + minor, guardian)
                .GET().build()), 403, "GUARDIANSHIP_NOT_ASSERTED");
        assertThat(audit.eventsForClient(otherChild)).noneMatch(e -> e.userId().equals(guardian));
        assertProblem(send(asGuardian("/api/v1/citizen/documents?onBehalfOf=010101-123X", guardian, vouched).GET()
                .build()), 422, "INVALID_IDENTITY_CODE");

        // and each of the guardian's reads is in the minor's audit trail as the guardian's use on the minor's behalf
        List<AuditEvent> events = audit.eventsForClient(minor).stream().filter(e -> e.userId().equals(guardian))
                .toList();
        assertThat(events).extracting(AuditEvent::operation, AuditEvent::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("LIST_CLIENT_DOCUMENTS", "SUCCESS"),
                org.assertj.core.groups.Tuple.tuple("READ_METADATA", "SUCCESS"),
                org.assertj.core.groups.Tuple.tuple("READ_DISPLAY", "SUCCESS"),
                org.assertj.core.groups.Tuple.tuple("READ_METADATA", "DENIED"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.organisation()).isEqualTo("1.2.246.21");
            assertThat(e.purposeOfUse()).isEqualTo("CITIZEN_GUARDIAN");
        });
        assertThat(events.get(0).detail()).contains("guardian's view on the minor's behalf", "{GUARDIAN=1}");
    }
}

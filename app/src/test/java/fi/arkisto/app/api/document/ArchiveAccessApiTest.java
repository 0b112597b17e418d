package fi.arkisto.app.api.document;

import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.document.DocumentStatus;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.deployment.ExpectedDocument;
import fi.arkisto.testkit.generator.TestCaseDocuments;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archiving and nullifying through the API as the access rules decide them (docs/access.md, "Archiving and
 * nullifying"), with signed documents: a provider archiving into the organiser's register under its register access
 * right, before and after the right ends; the versions a provider may write over; a sharing use context; a stranger;
 * a client under non-disclosure; and the audit event of each decision with its basis. Each test has its own clients
 * and organisations.
 */
class ArchiveAccessApiTest extends ApiIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);
    /** The unit the generator names for an organisation's documents (TestCaseDocuments). */
    private static final int GENERATED_UNIT = 2001001;

    @Autowired
    AuditLog audit;

    /** A client report of the organiser's register (service task 24, group 3) as version 1 and its correction. */
    private record Report(byte[] first, String firstOid, byte[] correction, String correctionOid) {
    }

    /**
     * The organiser's client report and its correction, produced in the provider's unit: custodian the organiser,
     * service unit (so the author's organisation) the provider's, not yet signed.
     */
    private static Report providersReport(String organiser, String provider, String client) {
        List<ExpectedDocument> items = List.of(
                new ExpectedDocument("report", "Asiakaskertomus", "Client report", "3", "4", 1, DocumentStatus.ACTIVE,
                        SignatureType.SYSTEM, true),
                new ExpectedDocument("correction", "Asiakaskertomus", "Client report", "3", "4", 2,
                        DocumentStatus.ACTIVE, SignatureType.SYSTEM, true));
        List<TestCaseDocuments.TestCaseDocument> documents = TestCaseDocuments.write(items, new TestCaseDocuments.Options(
                Oid.of(organiser), "Organisaatio " + organiser, client, TODAY,
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), bytes -> bytes, null));
        String organisersUnit = unitOf(organiser, GENERATED_UNIT);
        String providersUnit = unitOf(provider, GENERATED_UNIT);
        byte[][] xml = new byte[2][];
        for (int i = 0; i < 2; i++) {
            xml[i] = new String(documents.get(i).xml(), StandardCharsets.UTF_8).replace(organisersUnit, providersUnit)
                    .getBytes(StandardCharsets.UTF_8);
        }
        return new Report(xml[0], documents.get(0).documentOid(), xml[1], documents.get(1).documentOid());
    }

    private HttpResponse<byte[]> archive(String organisation, byte[] signed, String... headers) {
        HttpRequest.Builder request = asOrganisation("/api/v1/documents", organisation)
                .header("Content-Type", "application/xml");
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(signed)).build());
    }

    private HttpResponse<byte[]> nullify(String organisation, String oid) {
        return send(asOrganisation("/api/v1/documents/" + oid + "/nullification", organisation)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"Kirjattu väärälle asiakkaalle\"}")).build());
    }

    private void agreement(String organiser, String provider, boolean extensive) {
        HttpResponse<byte[]> created = postJson("/api/v1/register-access-agreements", organiser,
                "{\"organiser\": \"" + organiser + "\", \"provider\": \"" + provider + "\", \"extensive\": " + extensive
                        + ", \"serviceTasks\": [\"24\"], \"validFrom\": \"2026-01-01\", \"contractReference\": \"SOP-7\"}");
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
    }

    /** The organiser's client relationship document naming the provider's unit from January; its OID. */
    private String providerNamed(String organiser, String provider, String client) {
        return archiveClientRelationship(organiser, client, JANUARY, null,
                new Provider(unitOf(provider, GENERATED_UNIT), JANUARY, null));
    }

    /** An organiser, a provider and a client, the provider's basic right over the client in effect. */
    private record Parties(String organiser, String provider, String client, String relationship) {
    }

    private Parties providerInEffect() {
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String relationship = providerNamed(organiser, provider, client);
        agreement(organiser, provider, false);
        return new Parties(organiser, provider, client, relationship);
    }

    private List<AuditEvent> events(String oid, String operation) {
        return audit.eventsForDocument(oid).stream().filter(e -> e.operation().equals(operation)).toList();
    }

    @Test
    void aProviderArchivesIntoTheOrganisersRegisterWhileItsRightIsInEffectAndIsRefusedAfterItEnds() {
        // given the organiser names the provider's unit for the client, and both have enabled the function
        Parties parties = providerInEffect();
        String organiser = parties.organiser();
        String provider = parties.provider();
        String client = parties.client();
        String relationship = parties.relationship();
        Report report = providersReport(organiser, provider, client);

        // when the provider archives its report, signed by its own system, into the organiser's register
        HttpResponse<byte[]> archived = archive(provider, signedBy(provider, report.first()));

        // then it is the organiser's document, archived by the provider, on the basis of the right
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        assertThat(json(getAs("/api/v1/documents/" + report.firstOid() + "/metadata", organiser))
                .path("controllerOid").asText()).isEqualTo(organiser);
        assertThat(events(report.firstOid(), "ARCHIVE")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("SUCCESS");
            assertThat(e.organisation()).isEqualTo(provider);
            assertThat(e.detail()).isEqualTo("version 1; basis REGISTER_ACCESS_RIGHT (register access right in the "
                    + "register of " + organiser + ", service task 24), disclosure FULL; use context 1; asserted: "
                    + "nothing; archived by " + provider);
        });

        // when the organiser ends the provider's period yesterday
        archiveAs(organiser, derivedDocument().client(client).controller(organiser)
                .replacing(relationship, relationship).version(2).reasonOfCorrection("Palvelu päättyi")
                .structuredForm(form -> {
                    ClientRelationshipForms.relationship(form, JANUARY, null);
                    ClientRelationshipForms.providers(form, "24",
                            new Provider(unitOf(provider, GENERATED_UNIT), JANUARY, TODAY.minusDays(1)));
                }));

        // then the provider can neither correct nor nullify what it stored: it is the organiser's alone
        assertProblem(archive(provider, signedBy(provider, report.correction())), 403, "REGISTER_ACCESS_RIGHT_ENDED");
        assertProblem(nullify(provider, report.firstOid()), 403, "REGISTER_ACCESS_RIGHT_ENDED");
        assertThat(events(report.correctionOid(), "ARCHIVE")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("DENIED");
            assertThat(e.detail()).startsWith("REGISTER_ACCESS_RIGHT_ENDED: Archiving into the register of " + organiser
                    + " refused: The register access right has ended").endsWith("; use context 1; asserted: nothing");
        });
        assertThat(events(report.firstOid(), "NULLIFY")).extracting(AuditEvent::outcome).containsExactly("DENIED");
        HttpResponse<byte[]> byOrganiser = nullify(organiser, report.firstOid());
        assertThat(byOrganiser.statusCode()).as(text(byOrganiser)).isEqualTo(200);
        assertThat(events(report.firstOid(), "NULLIFY")).last().satisfies(e -> assertThat(e.detail())
                .startsWith("reason: Kirjattu väärälle asiakkaalle; basis OWN_REGISTER (own register " + organiser + ")"));
    }

    @Test
    void aProviderReplacesAndNullifiesOnlyTheVersionsItArchivedItself() {
        // given the provider's right in effect, and the organiser's own report naming the provider's unit
        Parties parties = providerInEffect();
        String organiser = parties.organiser();
        String provider = parties.provider();
        String client = parties.client();
        Report organisers = providersReport(organiser, provider, client);
        assertThat(archive(organiser, signedBy(organiser, organisers.first())).statusCode()).isEqualTo(201);

        // when / then the provider may not replace nor nullify the organiser's version
        assertProblem(archive(provider, signedBy(provider, organisers.correction())), 403,
                "REPLACED_VERSION_NOT_BY_PROVIDER");
        assertProblem(nullify(provider, organisers.firstOid()), 403, "REPLACED_VERSION_NOT_BY_PROVIDER");
        assertThat(events(organisers.correctionOid(), "ARCHIVE")).extracting(AuditEvent::outcome, AuditEvent::organisation)
                .containsExactly(Tuple.tuple("DENIED", provider));

        // but a version it archived itself it replaces, and nullifies the replacement
        Report own = providersReport(organiser, provider, client);
        assertThat(archive(provider, signedBy(provider, own.first())).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> replaced = archive(provider, signedBy(provider, own.correction()));
        assertThat(replaced.statusCode()).as(text(replaced)).isEqualTo(201);
        HttpResponse<byte[]> nullified = nullify(provider, own.correctionOid());
        assertThat(nullified.statusCode()).as(text(nullified)).isEqualTo(200);
        assertThat(events(own.correctionOid(), "ARCHIVE")).singleElement().satisfies(e -> assertThat(e.detail())
                .startsWith("version 2 replacing " + own.firstOid() + "; basis REGISTER_ACCESS_RIGHT"));
        assertThat(events(own.correctionOid(), "NULLIFY")).singleElement().satisfies(e -> assertThat(e.detail())
                .contains("basis REGISTER_ACCESS_RIGHT (register access right in the register of " + organiser));
    }

    @Test
    void theBasicRightWritesNoClientRelationshipDocumentAndNoProviderWritesOneNotNamingItself() {
        // given the provider's basic right in effect
        Parties parties = providerInEffect();
        String organiser = parties.organiser();
        String provider = parties.provider();
        String client = parties.client();

        // when the provider archives a client relationship document of the organiser produced in its unit (task 24)
        KantaSamples.Builder relationship = derivedDocument().client(client).controller(organiser).serviceTask("24")
                .serviceUnit(unitOf(provider, GENERATED_UNIT));

        // then it needs the extensive right
        assertProblem(archive(provider, signedFor(provider, relationship)), 403,
                "EXTENSIVE_REGISTER_ACCESS_RIGHT_REQUIRED");
        // and a report of the organiser's own unit does not name the provider as its author's organisation
        Report organisersUnit = providersReport(organiser, organiser, client);
        assertProblem(archive(provider, signedBy(provider, organisersUnit.first())), 403,
                "AUTHOR_ORGANISATION_NOT_PROVIDER");
    }

    @Test
    void aSharingUseContextNeverWritesAndAStrangerHasNoAccessToTheRegister() {
        // given the provider's right in effect and a report the organiser archived
        Parties parties = providerInEffect();
        String organiser = parties.organiser();
        String provider = parties.provider();
        String client = parties.client();
        String stranger = newOrganisation();
        Report report = providersReport(organiser, provider, client);
        byte[] organisersCopy = signedBy(organiser, report.first());
        assertThat(archive(organiser, organisersCopy).statusCode()).isEqualTo(201);

        // when / then the provider in a sharing use context writes nothing
        Report another = providersReport(organiser, provider, client);
        assertProblem(archive(provider, signedBy(provider, another.first()), "X-Purpose-Of-Use", "2"), 403,
                "SHARING_ONLY_FOR_READS");
        // and a stranger neither nullifies nor learns by resubmitting the organiser's bytes that they are archived
        assertProblem(nullify(stranger, report.firstOid()), 403, "NO_ACCESS_TO_REGISTER");
        assertProblem(archive(stranger, organisersCopy), 403, "NO_ACCESS_TO_REGISTER");
        assertThat(events(report.firstOid(), "ARCHIVE")).extracting(AuditEvent::outcome, AuditEvent::organisation)
                .containsExactly(Tuple.tuple("SUCCESS", organiser), Tuple.tuple("DENIED", stranger));
        assertThat(events(another.firstOid(), "ARCHIVE")).singleElement().satisfies(e -> assertThat(e.detail())
                .startsWith("SHARING_ONLY_FOR_READS: ").endsWith("; use context 2; asserted: nothing"));
        assertThat(json(getAs("/api/v1/documents/" + report.firstOid() + "/metadata", organiser)).path("status")
                .asText()).isEqualTo("ACTIVE");
    }

    @Test
    void theClientRelationshipDocumentOfAClientUnderNonDisclosureNeedsTheAssertedRight() {
        // given a client relationship document declaring the client under non-disclosure (with the home municipality)
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        KantaSamples.Builder relationship = derivedDocument().client(client).controller(organiser)
                .structuredForm(form -> ClientRelationshipForms.nonDisclosure(form, true));

        // when / then without the asserted right it is refused, with it archived
        assertProblem(archive(organiser, signedFor(organiser, relationship)), 403, "NON_DISCLOSURE_RIGHT_REQUIRED");
        HttpResponse<byte[]> archived = archive(organiser, signedFor(organiser, relationship),
                "X-Non-Disclosure-Right", "true");
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        assertThat(events(relationship.oidValue(), "ARCHIVE")).extracting(AuditEvent::outcome, AuditEvent::detail)
                .containsExactly(
                        Tuple.tuple("DENIED", "NON_DISCLOSURE_RIGHT_REQUIRED: Archiving into the register of " + organiser
                                + " refused: Data under non-disclosure for safety reasons needs a professional the client "
                                + "system asserts may process it; use context 1; asserted: nothing"),
                        Tuple.tuple("SUCCESS", "version 1; basis OWN_REGISTER (own register " + organiser + "), "
                                + "disclosure FULL; use context 1; asserted: asserted right to process non-disclosure "
                                + "data; archived by " + organiser));
    }

    private void archiveAs(String organisation, KantaSamples.Builder document) {
        HttpResponse<byte[]> archived = archive(organisation, signedFor(organisation, document));
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
    }
}

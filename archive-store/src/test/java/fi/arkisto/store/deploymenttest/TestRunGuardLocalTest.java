package fi.arkisto.store.deploymenttest;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.FunctionState;
import fi.arkisto.store.organisation.FunctionUse;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRunGuardLocalTest {

    /** A valid code with individual number 308: a real person's kind of code (never used as data: only refused). */
    private static final String REAL_CODE = "131052-308T";
    private static final CdaParser PARSER = new CdaParser();

    private static TestDatabase database;
    private static OrganisationRegistry registry;
    private static TestRunLedger ledger;
    private static TestRunGuard guard;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.onLocalServer();
        database.migrateArchiveSchema();
        registry = new OrganisationRegistry(database.dataSource());
        ledger = new TestRunLedger(database.dataSource(), new DataSourceTransactionManager(database.dataSource()));
        guard = new TestRunGuard(ledger, registry, Clock.systemUTC());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void withoutAnOpenWindowDocumentsPassUnrecorded() {
        // given an organisation whose test is only scheduled
        Fixture fixture = organisation(false);
        TestRun run = scheduled(fixture);

        // when a document with a real client code arrives
        guard.admit(parse(KantaSamples.document().controller(fixture.oid()).client(REAL_CODE)));

        // then nothing is recorded
        assertThat(ledger.arrivals(run.id(), run.attempt())).isEmpty();
    }

    @Test
    void recordsEveryTestDocumentOfAnOpenWindow() {
        // given an open window
        Fixture fixture = organisation(false);
        TestRun run = open(fixture);
        KantaSamples.Builder document = KantaSamples.document().controller(fixture.oid())
                .client(KantaSamples.newTestIdentityCode());

        // when a test document arrives
        guard.admit(parse(document));

        // then it is recorded with the run's attempt
        assertThat(ledger.arrivals(run.id(), 1)).singleElement().satisfies(a -> {
            assertThat(a.documentOid()).isEqualTo(document.oidValue());
            assertThat(a.refusalCode()).isNull();
        });
    }

    @Test
    void refusesARealIdentityCodeWhereverItStandsAndRecordsTheRefusal() {
        // given an open window of an organisation that does not archive in production yet
        Fixture fixture = organisation(false);
        TestRun run = open(fixture);
        KantaSamples.Builder realClient = KantaSamples.document().controller(fixture.oid()).client(REAL_CODE);

        // when a document whose client (header and structured form) is a real code arrives
        assertThatThrownBy(() -> guard.admit(parse(realClient)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REAL_IDENTITY_CODE_IN_TEST);
                    // never echoing the full code
                    assertThat(e.detail()).contains("131052*****").doesNotContain(REAL_CODE);
                });

        // then the refusal is recorded with the run
        assertThat(ledger.arrivals(run.id(), 1)).singleElement().satisfies(a -> {
            assertThat(a.documentOid()).isEqualTo(realClient.oidValue());
            assertThat(a.refusalCode()).isEqualTo("REAL_IDENTITY_CODE_IN_TEST");
        });
    }

    @Test
    void findsARealCodeHiddenInTheDisplayFormOfATestClientsDocument() {
        // given a test client's document whose Base64 display form mentions a real code
        Fixture fixture = organisation(true);
        open(fixture);
        String xml = new String(KantaSamples.document().controller(fixture.oid()).client(KantaSamples.newTestIdentityCode())
                .build(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher text = java.util.regex.Pattern.compile("(<text[^>]*mediaType=\"[^\"]*\"[^>]*>)\\s*([A-Za-z0-9+/=\\s]+)<")
                .matcher(xml);
        assertThat(text.find()).as("the sample's display form").isTrue();
        String display = new String(java.util.Base64.getMimeDecoder().decode(text.group(2)), java.nio.charset.StandardCharsets.UTF_8);
        String tampered = display.replaceFirst("<br/>", "<br/>Isä " + REAL_CODE + "<br/>");
        assertThat(tampered).isNotEqualTo(display);
        String changed = xml.substring(0, text.start(2)) + java.util.Base64.getEncoder().encodeToString(
                tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + xml.substring(text.end(2));

        // then the guard refuses it, although the organisation archives in production
        ParsedDocument parsed = PARSER.parse(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> guard.admit(parsed)).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REAL_IDENTITY_CODE_IN_TEST));
    }

    @Test
    void letsProductionDocumentsOfAnOrganisationAlreadyArchivingThrough() {
        // given an open window of an organisation that archives in production (testing a further function)
        Fixture fixture = organisation(true);
        TestRun run = open(fixture);

        // when a production document (a real client) arrives
        guard.admit(parse(KantaSamples.document().controller(fixture.oid()).client(REAL_CODE)));

        // then it passes and is not a test document
        assertThat(ledger.arrivals(run.id(), 1)).isEmpty();
    }

    @Test
    void runStatesMoveOnlyFromTheStatesTheyMayComeFrom() {
        Fixture fixture = organisation(false);
        TestRun run = register(fixture);
        assertThatThrownBy(() -> ledger.transition(run.id(), Set.of(TestRunState.SCHEDULED), TestRunState.OPEN, null,
                Instant.now())).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_TEST_STATE_CONFLICT));
        assertThatThrownBy(() -> ledger.schedule(run.id(), Instant.now(), Instant.now().minusSeconds(1), List.of()))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE));
        assertThat(ledger.get(run.id()).state()).isEqualTo(TestRunState.REGISTERED);
    }

    private record Fixture(Organisation organisation, String oid) {
    }

    private static Fixture organisation(boolean archivesInProduction) {
        int businessId = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String oid = "1.2.246.10." + businessId + ".10.0";
        Organisation organisation = registry.register("Testiorganisaatio " + businessId, null, Oid.of(oid));
        if (archivesInProduction) {
            registry.setFunction(organisation.id(), new FunctionUse(KantaFunction.ARCHIVING, FunctionState.IN_USE,
                    LocalDate.of(2020, 1, 1)));
        }
        return new Fixture(organisation, oid);
    }

    private static TestRun register(Fixture fixture) {
        return ledger.register(new TestRunRegistration(fixture.organisation().id(), EnumSet.of(KantaFunction.SHARING),
                new ClientInformationSystem("Sosiaalitieto", "5.2", "Testitoimittaja Oy"), LocalDate.of(2026, 9, 1),
                "lead", null, null), fixture.oid(), null, Instant.now());
    }

    private static TestRun scheduled(Fixture fixture) {
        TestRun run = register(fixture);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return ledger.schedule(run.id(), start, start.plus(1, ChronoUnit.HOURS), List.of("010101A900R"));
    }

    private static TestRun open(Fixture fixture) {
        TestRun run = scheduled(fixture);
        return ledger.transition(run.id(), Set.of(TestRunState.SCHEDULED), TestRunState.OPEN, null, Instant.now());
    }

    private static ParsedDocument parse(KantaSamples.Builder document) {
        return PARSER.parse(document.build());
    }
}

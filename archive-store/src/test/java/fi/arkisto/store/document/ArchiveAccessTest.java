package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.registeraccess.ProviderPeriod;
import fi.arkisto.store.access.registeraccess.RegisterAccess;
import fi.arkisto.store.access.registeraccess.RegisterAccessAgreement;
import fi.arkisto.store.actor.RequestAssertions;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access decision of archiving as {@link ArchiveAccess} assembles it (docs/access.md, "Archiving and nullifying"):
 * the facts the preparation read from a real document, the set's head and its archiver, the resubmission, the
 * client's facts when they can matter. One row per rule, each named by it; the rules themselves are
 * AccessDecisionTableTest's.
 */
class ArchiveAccessTest {

    private static final String ORGANISER = KantaSamples.SAMPLE_CONTROLLER;
    private static final String PROVIDER = "1.2.246.10.99999002.10.0";
    private static final String PROVIDERS_UNIT = "1.2.246.10.99999002.10.21";
    private static final String STRANGER = "1.2.246.10.99999005.10.0";
    private static final String OLD_CUSTODIAN = "1.2.246.10.1246109.10.0";
    private static final String CLIENT = "150385-9057";
    private static final Clock SEPTEMBER = Clock.fixed(Instant.parse("2026-09-01T08:00:00Z"), ZoneOffset.UTC);
    private static final DocumentPreparation PREPARATION = new DocumentPreparation(new CdaParser(), List.of(),
            new FactsReading(ArchivingService.defaultFactsReader()));

    /** What the client's facts say in a row. */
    enum Client { PLAIN, NON_DISCLOSURE, PROVIDER_EXTENSIVE, PROVIDER_ENDED, UNREADABLE }

    /**
     * @param head     the set's archived current version: null, or "version/archivedBy/controller"
     * @param expected {@code ALLOW <basis>} or {@code DENY <code>}, and whether the client's facts were asked for
     */
    record Row(String rule, String actingFor, String useContext, boolean nonDisclosureRight, KantaSamples.Builder document,
               String head, boolean identical, Client client, String expected, boolean factsAsked) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static KantaSamples.Builder relationship() {
        return KantaSamples.document().client(CLIENT).serviceTask("24");
    }

    private static KantaSamples.Builder providers() {
        return relationship().serviceUnit(PROVIDERS_UNIT);
    }

    private static KantaSamples.Builder withoutLocationData() {
        return relationship().structuredForm(form -> ((com.fasterxml.jackson.databind.node.ObjectNode) form
                .path("asiakkuusasiakirja").path("asiakas")).remove("kotikunta"));
    }

    private static KantaSamples.Builder correction(KantaSamples.Builder document) {
        return document.replacing(KantaSamples.newOid(), null).version(2).reasonOfCorrection("Korjaus");
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("own register: the controller archives, the client's facts read for the location data",
                        ORGANISER, "1", false, relationship(), null, false, Client.PLAIN, "ALLOW OWN_REGISTER", true),
                new Row("own register: a document without location data is decided without the client's facts",
                        ORGANISER, "1", false, withoutLocationData(), null, false, Client.UNREADABLE,
                        "ALLOW OWN_REGISTER", false),
                new Row("own register: the organiser replaces what the provider archived", ORGANISER, "1", false,
                        correction(providers()), "1/" + PROVIDER + "/" + ORGANISER, false, Client.PROVIDER_EXTENSIVE,
                        "ALLOW OWN_REGISTER", true),
                new Row("own register: a replacement of a version in another register is decided there too", ORGANISER,
                        "1", false, correction(relationship()), "1/" + OLD_CUSTODIAN + "/" + OLD_CUSTODIAN, false,
                        Client.PLAIN, "DENY NO_ACCESS_TO_REGISTER", true),
                new Row("non-disclosure: the protected client relationship document needs the asserted right",
                        ORGANISER, "1", false, relationship(), null, false, Client.NON_DISCLOSURE,
                        "DENY NON_DISCLOSURE_RIGHT_REQUIRED", true),
                new Row("non-disclosure: with the asserted right", ORGANISER, "1", true, relationship(), null, false,
                        Client.NON_DISCLOSURE, "ALLOW OWN_REGISTER", true),
                new Row("non-disclosure: an identical resubmission writes no content", ORGANISER, "1", false,
                        relationship(), null, true, Client.NON_DISCLOSURE, "ALLOW OWN_REGISTER", false),
                new Row("register access: the provider archives a document of its unit", PROVIDER, "1", false,
                        providers(), null, false, Client.PROVIDER_EXTENSIVE, "ALLOW EXTENSIVE_REGISTER_ACCESS_RIGHT", true),
                new Row("register access: the provider replaces a version it archived", PROVIDER, "1", false,
                        correction(providers()), "1/" + PROVIDER + "/" + ORGANISER, false, Client.PROVIDER_EXTENSIVE,
                        "ALLOW EXTENSIVE_REGISTER_ACCESS_RIGHT", true),
                new Row("register access: the provider may not replace the organiser's version", PROVIDER, "1", false,
                        correction(providers()), "1/" + ORGANISER + "/" + ORGANISER, false, Client.PROVIDER_EXTENSIVE,
                        "DENY REPLACED_VERSION_NOT_BY_PROVIDER", true),
                new Row("register access: a head that is not the version replaced is not written over", PROVIDER, "1",
                        false, correction(providers()), "3/" + ORGANISER + "/" + ORGANISER, false,
                        Client.PROVIDER_EXTENSIVE, "ALLOW EXTENSIVE_REGISTER_ACCESS_RIGHT", true),
                new Row("register access: a document of the organiser's unit does not name the provider", PROVIDER, "1",
                        false, relationship(), null, false, Client.PROVIDER_EXTENSIVE,
                        "DENY AUTHOR_ORGANISATION_NOT_PROVIDER", true),
                new Row("register access: after the period ended", PROVIDER, "1", false, providers(), null, false,
                        Client.PROVIDER_ENDED, "DENY REGISTER_ACCESS_RIGHT_ENDED", true),
                new Row("register access: a sharing use context never writes", PROVIDER, "2", false, providers(), null,
                        false, Client.PROVIDER_EXTENSIVE, "DENY SHARING_ONLY_FOR_READS", true),
                new Row("register access: a stranger has no access to the register", STRANGER, "1", false,
                        relationship(), null, false, Client.PROVIDER_EXTENSIVE, "DENY NO_ACCESS_TO_REGISTER", true),
                new Row("client facts: unreadable facts refuse the write", PROVIDER, "1", false, providers(), null, false,
                        Client.UNREADABLE, "DENY CLIENT_FACTS_UNREADABLE", true));
    }

    private static ClientFacts facts(Client client) {
        ProviderPeriod open = new ProviderPeriod(ORGANISER, PROVIDER, PROVIDERS_UNIT, CLIENT, "24", List.of(),
                LocalDate.of(2026, 1, 1), null);
        ProviderPeriod ended = new ProviderPeriod(ORGANISER, PROVIDER, PROVIDERS_UNIT, CLIENT, "24", List.of(),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30));
        RegisterAccessAgreement extensive = new RegisterAccessAgreement(ORGANISER, PROVIDER, LocalDate.of(2025, 1, 1),
                null, true, List.of());
        return switch (client) {
            case PLAIN, UNREADABLE -> ClientFacts.unknown(CLIENT);
            case NON_DISCLOSURE -> new ClientFacts(CLIENT, null, true, null, null, null, null, null, null);
            case PROVIDER_EXTENSIVE -> new ClientFacts(CLIENT, null, false, null, null, null, null,
                    new RegisterAccess(List.of(open), List.of(extensive)), null);
            case PROVIDER_ENDED -> new ClientFacts(CLIENT, null, false, null, null, null, null,
                    new RegisterAccess(List.of(ended), List.of(extensive)), null);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesTheWriteAsTheRuleSays(Row row) {
        // given the row's document as the preparation reads it, its set's head and the client's facts
        Preparation.Prepared document = (Preparation.Prepared) PREPARATION.prepare(
                new DocumentContent.InMemory(row.document().controller(ORGANISER).build()),
                Intake.unspecified(SEPTEMBER.instant()));
        SetHead head = null;
        if (row.head() != null) {
            String[] h = row.head().split("/");
            head = new SetHead(KantaSamples.newOid(), Integer.parseInt(h[0]), DocumentStatus.ACTIVE, h[2], h[1]);
        }
        List<String> asked = new ArrayList<>();
        ArchiveAccess access = new ArchiveAccess(new AccessRules(AccessProperties.defaults()), client -> {
            asked.add(client);
            if (row.client() == Client.UNREADABLE) {
                throw new ArchiveException(ErrorCode.CLIENT_FACTS_UNREADABLE, "an unreadable date");
            }
            return facts(row.client());
        }, new FactsReading(ArchivingService.defaultFactsReader()), new MutualCaseParties(new JdbcTemplate()),
                SEPTEMBER);
        RequestContext context = new RequestContext(Oid.of(row.actingFor()), "ammattilainen-1", row.useContext(),
                new RequestAssertions(null, row.nonDisclosureRight(), null));
        Function<String, ClientFacts> clients = access.clientFacts();

        // when
        ArchiveAccess.Decided decided = access.archiving(context, document, head, row.identical(), clients);

        // then
        String answer = decided.allowed() ? "ALLOW " + decided.description().split(" ")[1]
                : "DENY " + decided.refusal().code();
        assertThat(answer).as(row.rule()).isEqualTo(row.expected());
        assertThat(asked).as("the client's facts asked for").isEqualTo(row.factsAsked() ? List.of(CLIENT) : List.of());
        if (decided.allowed()) {
            assertThat(decided.description()).endsWith("; archived by " + row.actingFor());
        } else {
            assertThat(ArchiveAccess.denial(decided.refusal().code()))
                    .isEqualTo(decided.refusal().code() != ErrorCode.CLIENT_FACTS_UNREADABLE);
        }
    }
}

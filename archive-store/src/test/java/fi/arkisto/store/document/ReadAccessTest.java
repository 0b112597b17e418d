package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.registeraccess.ProviderPeriod;
import fi.arkisto.store.access.registeraccess.RegisterAccess;
import fi.arkisto.store.access.registeraccess.RegisterAccessAgreement;
import fi.arkisto.store.access.sharing.ClientRelationship;
import fi.arkisto.store.access.sharing.Consent;
import fi.arkisto.store.actor.RequestAssertions;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side of the access decision as the read service asks it: on today's day, with the facts of the document's
 * own client, each refusal answered as its twin error code and described for the audit with basis, use context and
 * asserted rights.
 */
class ReadAccessTest {

    private static final String ORGANISER = "1.2.246.10.11111111.10.0";
    private static final String PROVIDER = "1.2.246.10.22222222.10.0";
    private static final String OTHER = "1.2.246.10.33333333.10.0";
    private static final String CLIENT = "010190-9506";
    private static final ZoneId FINLAND = ZoneId.of("Europe/Helsinki");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).atZone(FINLAND).toInstant(), FINLAND);

    private static DocumentFacts document(String controller) {
        return DocumentFacts.builder().documentOid("1.2.246.10.11111111.95777.2026.1").setId("1.2.246.10.11111111.95777.2026.1")
                .controller(controller).clientId(CLIENT).serviceTask("24").group(DocumentGroup.OTHER)
                .date(TODAY.minusMonths(1)).build();
    }

    private static ClientFacts providerServing(LocalDate end) {
        RegisterAccess access = new RegisterAccess(
                List.of(new ProviderPeriod(ORGANISER, PROVIDER, PROVIDER.replace(".10.0", ".10.5"), CLIENT, "24",
                        List.of("15"), TODAY.minusYears(1), end)),
                List.of(new RegisterAccessAgreement(ORGANISER, PROVIDER, TODAY.minusYears(1), null, false)));
        return new ClientFacts(CLIENT, null, false, null, null, null, null, access, null);
    }

    private static RequestContext as(String organisation, String useContext, RequestAssertions assertions) {
        return new RequestContext(Oid.of(organisation), "worker-1", useContext, assertions);
    }

    private static ReadAccess access(ClientFacts facts) {
        return new ReadAccess(new AccessRules(AccessProperties.defaults()), client -> {
            assertThat(client).as("the facts asked for are the document's client's").isEqualTo(CLIENT);
            return facts;
        }, CLOCK);
    }

    @Test
    void aProviderReadsUnderItsRightInEffectAndTheAuditNamesTheRegisterAndServiceTask() {
        // given a provider period of the provider in the organiser's register, in effect today
        ReadAccess access = access(providerServing(null));

        // when the provider reads the organiser's document in a register-access use context
        ReadAccess.Decided decided = access.decide(as(PROVIDER, "1", RequestAssertions.NONE), document(ORGANISER), null);

        // then it is allowed on the register access right, described with the register and the service task
        assertThat(decided.allowed()).isTrue();
        assertThat(decided.verdict().basis()).isEqualTo(AccessBasis.REGISTER_ACCESS_RIGHT);
        assertThat(decided.description()).isEqualTo("basis REGISTER_ACCESS_RIGHT (register access right in the register "
                + "of " + ORGANISER + ", service task 24), disclosure FULL; use context 1; asserted: nothing");
    }

    @Test
    void aProviderWhosePeriodEndedYesterdayIsRefusedWithTheTwinCode() {
        // given the provider period ended yesterday
        ReadAccess access = access(providerServing(TODAY.minusDays(1)));

        // when
        ReadAccess.Decided decided = access.decide(as(PROVIDER, "1", RequestAssertions.NONE), document(ORGANISER), null);

        // then
        assertThat(decided.allowed()).isFalse();
        assertThat(decided.code()).isEqualTo(ErrorCode.REGISTER_ACCESS_RIGHT_ENDED);
        assertThat(decided.description()).startsWith("REGISTER_ACCESS_RIGHT_ENDED: The register access right has ended")
                .endsWith("; use context 1; asserted: nothing");
    }

    @Test
    void aBroadSearchIsDescribedWithItsJustificationAndEveryAssertedRight() {
        // given a client informed, consenting and served by the other organisation, and an old document
        ClientFacts facts = new ClientFacts(CLIENT, null, false, TODAY.minusYears(1),
                List.of(new Consent(TODAY.minusYears(1), null, null)), null,
                List.of(new ClientRelationship(OTHER, TODAY.minusYears(1), null)), null, null);
        DocumentFacts old = document(ORGANISER).toBuilder().group(DocumentGroup.OLD).build();
        RequestAssertions asserted = new RequestAssertions("2", true, null);

        // when the other organisation reads it in a sharing use context with a justification
        ReadAccess.Decided decided = access(facts).decide(as(OTHER, "2", asserted), old, null);

        // then
        assertThat(decided.verdict().basis()).isEqualTo(AccessBasis.BROAD_SEARCH);
        assertThat(decided.description()).isEqualTo("basis BROAD_SEARCH (broad search with justification 2 in the "
                + "register of " + ORGANISER + "), disclosure FULL; use context 2; asserted: broad-search justification 2;"
                + " asserted right to process non-disclosure data");
    }

    @Test
    void protectedLocationDataReachesAnotherOrganisationMaskedWhateverItAsserts() {
        // given a client under non-disclosure whose document carries location data
        ClientFacts base = providerServing(null);
        ClientFacts protectedClient = new ClientFacts(CLIENT, null, true, null, null, null, null, base.registerAccess(),
                null);
        DocumentFacts located = document(ORGANISER).toBuilder().locationData(true).build();

        // when the provider reads it asserting the right to process non-disclosure data
        ReadAccess.Decided decided = access(protectedClient).decide(
                as(PROVIDER, "1", new RequestAssertions(null, true, null)), located, null);

        // then only a masked disclosure is allowed
        assertThat(decided.allowed()).isTrue();
        assertThat(decided.verdict().disclosure()).isEqualTo(Disclosure.STRUCTURED_FORM_MASKED);
    }

    @Test
    void everyReadSideDenialReasonHasAnErrorCodeTwinOfTheSameNameStatusAndTitle() {
        assertTwins(ReadAccess.READ_DENIALS);
    }

    private static void assertTwins(Set<DenialReason> reasons) {
        for (DenialReason reason : reasons) {
            ErrorCode twin = ErrorCode.valueOf(reason.name());
            assertThat(twin.httpStatus()).as(reason + "'s status").isEqualTo(reason.httpStatus());
            assertThat(twin.title()).as(reason + "'s title").isEqualTo(reason.title());
            assertThat(ReadAccess.Decided.code(reason)).isEqualTo(twin);
        }
    }

    @Test
    void theReadSideReasonsAreEveryReasonButTheCitizensWritesAndPertinence() {
        // the reasons a professional's read by identifier cannot produce, each for its reason
        Set<DenialReason> notReads = EnumSet.of(
                // the request context always names an organisation, a stored version its controller
                DenialReason.ACTING_ORGANISATION_MISSING, DenialReason.REGISTER_CONTROLLER_UNKNOWN,
                // writes
                DenialReason.SHARING_ONLY_FOR_READS, DenialReason.EXTENSIVE_REGISTER_ACCESS_RIGHT_REQUIRED,
                DenialReason.DOCUMENT_GROUP_NOT_ARCHIVABLE_BY_PROVIDER, DenialReason.AUTHOR_ORGANISATION_NOT_PROVIDER,
                DenialReason.REPLACED_VERSION_NOT_BY_PROVIDER, DenialReason.LOCATION_DATA_UNDER_NON_DISCLOSURE,
                // a read by identifier reaches a document through its own client
                DenialReason.NOT_THE_CLIENTS_DOCUMENT, DenialReason.MUTUAL_CASE_BEFORE_PARTY_JOINED,
                DenialReason.MUTUAL_CASE_AFTER_PARTY_LEFT);
        List<DenialReason> citizens = new ArrayList<>();
        for (DenialReason reason : DenialReason.values()) {
            if (reason.name().startsWith("CITIZEN_") || reason.name().startsWith("GUARDIAN")
                    || reason.name().startsWith("MINOR_")) {
                citizens.add(reason);
            }
        }
        EnumSet<DenialReason> expected = EnumSet.allOf(DenialReason.class);
        expected.removeAll(notReads);
        expected.removeAll(citizens);
        assertThat(ReadAccess.READ_DENIALS).containsExactlyInAnyOrderElementsOf(expected);
        // and a reason outside them and the citizen's is never answered as something it is not
        assertThat(ReadAccess.Decided.code(DenialReason.GUARDIANSHIP_NOT_VERIFIED)).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name)).doesNotContain("GUARDIANSHIP_NOT_VERIFIED");
    }

    @Test
    void theCitizensReadReasonsArePertinenceAndTheCitizensViewEachWithItsTwinCode() {
        List<DenialReason> expected = new ArrayList<>(List.of(DenialReason.NOT_THE_CLIENTS_DOCUMENT,
                DenialReason.MUTUAL_CASE_BEFORE_PARTY_JOINED, DenialReason.MUTUAL_CASE_AFTER_PARTY_LEFT));
        for (DenialReason reason : DenialReason.values()) {
            if (reason.name().startsWith("CITIZEN_") || reason.name().startsWith("GUARDIAN_")
                    || reason.name().startsWith("MINOR_")) {
                expected.add(reason);
            }
        }
        assertThat(ReadAccess.CITIZEN_READ_DENIALS).containsExactlyInAnyOrderElementsOf(expected);
        assertTwins(ReadAccess.CITIZEN_READ_DENIALS);
    }

    @Test
    void aCitizenReadsTheirOwnDocumentAsTheirOwnAndNotAnOldOneNorAnotherPersons() {
        // given the citizen's facts (asked for the citizen, not the document's client) and the citizen's document
        String code = "010190-900P";
        ClientFacts facts = new ClientFacts(code, null, false, null, null, null, null, null, null);
        ReadAccess access = new ReadAccess(new AccessRules(AccessProperties.defaults()), client -> {
            assertThat(client).as("the facts asked for are the citizen's").isEqualTo(code);
            return facts;
        }, CLOCK);
        RequestContext citizen = CitizenReads.context(fi.arkisto.store.identity.PersonalIdentityCode.of(code));
        DocumentFacts own = document(ORGANISER).toBuilder().clientId(code).build();

        // when / then their own document is allowed as CITIZEN_OWN, described for the audit
        ReadAccess.Decided read = access.decide(citizen, own, code);
        assertThat(read.allowed()).isTrue();
        assertThat(read.verdict().basis()).isEqualTo(AccessBasis.CITIZEN_OWN);
        assertThat(read.description()).isEqualTo("basis CITIZEN_OWN (CITIZEN_OWN), disclosure FULL; use context "
                + "CITIZEN_OWN; asserted: nothing");
        // an old one is refused with the citizen's view's code, another person's as not theirs
        assertThat(access.decide(citizen, own.toBuilder().group(DocumentGroup.OLD).build(), code).code())
                .isEqualTo(ErrorCode.CITIZEN_OLD_DOCUMENT);
        assertThat(access.decide(citizen, document(ORGANISER), code).code())
                .isEqualTo(ErrorCode.NOT_THE_CLIENTS_DOCUMENT);
    }
}

package fi.arkisto.store.access;

import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.identity.Oid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access rules' settings ({@code arkisto.access.*}): the code values the rules compare with and the choices
 * made where public sources are silent. Every default and its reason is in {@code docs/access.md}, "Configuration".
 *
 * @param useContexts   which use-context codes (1.2.246.537.6.1289.201901) select which rules
 * @param broadSearch   the broad-search justification codes (1.2.246.537.6.1299) the archive accepts
 * @param registerAccess what a provider may write under the basic and the extensive register access right
 * @param mutualCases   whether professionals see a mutual case's documents outside a party's period
 * @param citizen       which documents the citizen's view never shows
 * @param guardian      how a guardian's view of a minor's documents is decided
 * @param nonDisclosure which structured-form fields are a person's location data
 * @param stageTwo      from which day each controller archived stage-2 documents
 */
@Validated
@ConfigurationProperties("arkisto.access")
public record AccessProperties(UseContexts useContexts, BroadSearch broadSearch, RegisterAccessRules registerAccess,
                               MutualCaseRules mutualCases, CitizenView citizen, Guardian guardian,
                               NonDisclosure nonDisclosure, StageTwo stageTwo) {

    public AccessProperties {
        useContexts = useContexts == null ? UseContexts.defaults() : useContexts;
        broadSearch = broadSearch == null ? BroadSearch.defaults() : broadSearch;
        registerAccess = registerAccess == null ? RegisterAccessRules.defaults() : registerAccess;
        mutualCases = mutualCases == null ? MutualCaseRules.defaults() : mutualCases;
        citizen = citizen == null ? CitizenView.defaults() : citizen;
        guardian = guardian == null ? Guardian.defaults() : guardian;
        nonDisclosure = nonDisclosure == null ? NonDisclosure.defaults() : nonDisclosure;
        stageTwo = stageTwo == null ? StageTwo.defaults() : stageTwo;
    }

    public static AccessProperties defaults() {
        return new AccessProperties(null, null, null, null, null, null, null, null);
    }

    /**
     * @param ownRegister    codes for the controller's own use of its register; default {@code 1} ("Palvelunjärjestäjän
     *                       rekisterin oma käyttö", the code the real message frame carries)
     * @param registerAccess codes for a provider's use of the organiser's register; default {@code 1} (the provider
     *                       works in the organiser's register for the organiser)
     * @param sharing        codes for reading another controller's documents; default {@code 2}; must not overlap the
     *                       other two, since the code decides which rules apply
     */
    public record UseContexts(Set<String> ownRegister, Set<String> registerAccess, Set<String> sharing) {

        public UseContexts {
            ownRegister = ownRegister == null ? Set.of("1") : Set.copyOf(ownRegister);
            registerAccess = registerAccess == null ? Set.of("1") : Set.copyOf(registerAccess);
            sharing = sharing == null ? Set.of("2") : Set.copyOf(sharing);
            for (String code : sharing) {
                if (ownRegister.contains(code) || registerAccess.contains(code)) {
                    throw new IllegalArgumentException("arkisto.access.use-contexts.sharing code " + code
                            + " is also an own-register or register-access code");
                }
            }
        }

        public static UseContexts defaults() {
            return new UseContexts(null, null, null);
        }

        public boolean known(String code) {
            return code != null && (ownRegister.contains(code) || registerAccess.contains(code) || sharing.contains(code));
        }
    }

    /** @param justifications accepted codes of 1.2.246.537.6.1299 (Laajan tiedonhaun peruste); default 1, 2, 3 */
    public record BroadSearch(Set<String> justifications) {

        public BroadSearch {
            justifications = justifications == null ? Set.of("1", "2", "3") : Set.copyOf(justifications);
        }

        public static BroadSearch defaults() {
            return new BroadSearch(null);
        }
    }

    /**
     * @param archivableGroups          what a provider may write under the basic right; default OTHER (other client
     *                                  documents): the client relationship and case tasks stay with the organiser
     * @param extensiveArchivableGroups under the extensive right; default CLIENT_RELATIONSHIP, CASE, OTHER
     * @param documentsBeforeStart      whether the provider sees the organiser's documents of the client and service task
     *                                  dated before its client relationship began; default true
     */
    public record RegisterAccessRules(Set<DocumentGroup> archivableGroups, Set<DocumentGroup> extensiveArchivableGroups,
                                      Boolean documentsBeforeStart) {

        public RegisterAccessRules {
            archivableGroups = archivableGroups == null ? EnumSet.of(DocumentGroup.OTHER) : enumSet(archivableGroups);
            extensiveArchivableGroups = extensiveArchivableGroups == null
                    ? EnumSet.of(DocumentGroup.CLIENT_RELATIONSHIP, DocumentGroup.CASE, DocumentGroup.OTHER)
                    : enumSet(extensiveArchivableGroups);
            documentsBeforeStart = documentsBeforeStart == null ? Boolean.TRUE : documentsBeforeStart;
        }

        public static RegisterAccessRules defaults() {
            return new RegisterAccessRules(null, null, null);
        }

        private static Set<DocumentGroup> enumSet(Set<DocumentGroup> groups) {
            return groups.isEmpty() ? EnumSet.noneOf(DocumentGroup.class) : EnumSet.copyOf(groups);
        }
    }

    /**
     * @param professionalsSeeWholeCase whether a professional reaching a mutual case's document through a party sees
     *                                  it outside the party's period; default false (the citizen's rule applies)
     */
    public record MutualCaseRules(Boolean professionalsSeeWholeCase) {

        public MutualCaseRules {
            professionalsSeeWholeCase = professionalsSeeWholeCase == null ? Boolean.FALSE : professionalsSeeWholeCase;
        }

        public static MutualCaseRules defaults() {
            return new MutualCaseRules(null);
        }
    }

    /**
     * Documents the citizen's view never shows (kanta.fi and the wellbeing services counties' MyKanta notices:
     * shelter services, prevention of intimate-partner violence, payment commitments).
     *
     * @param shelterServices           default: THL's register ({@code 1.2.246.10.22295005.10.0}, THL being the
     *                                  controller of shelter-service data)
     * @param intimatePartnerViolence   default: nothing listed (the code values are the operator's to set)
     * @param paymentCommitments        default: nothing listed (the code values are the operator's to set)
     */
    public record CitizenView(HiddenDocuments shelterServices, HiddenDocuments intimatePartnerViolence,
                              HiddenDocuments paymentCommitments) {

        public static final String THL = "1.2.246.10.22295005.10.0";

        public CitizenView {
            shelterServices = shelterServices == null
                    ? new HiddenDocuments(Set.of(THL), null, null, null) : shelterServices;
            intimatePartnerViolence = intimatePartnerViolence == null ? HiddenDocuments.none() : intimatePartnerViolence;
            paymentCommitments = paymentCommitments == null ? HiddenDocuments.none() : paymentCommitments;
        }

        public static CitizenView defaults() {
            return new CitizenView(null, null, null);
        }
    }

    /**
     * One category of documents the citizen never sees: a document belongs to it when its register's controller, its
     * service task (1.2.246.537.6.1221.201601), its general type (1.2.246.537.6.1506.201701) or its specific type is
     * listed.
     */
    public record HiddenDocuments(Set<String> controllers, Set<String> serviceTasks, Set<String> generalTypes,
                                  Set<String> specificTypes) {

        public HiddenDocuments {
            controllers = controllers == null ? Set.of() : Set.copyOf(controllers);
            serviceTasks = serviceTasks == null ? Set.of() : Set.copyOf(serviceTasks);
            generalTypes = generalTypes == null ? Set.of() : Set.copyOf(generalTypes);
            specificTypes = specificTypes == null ? Set.of() : Set.copyOf(specificTypes);
        }

        public static HiddenDocuments none() {
            return new HiddenDocuments(null, null, null, null);
        }

        public boolean matches(String controller, String serviceTask, String generalType, String specificType) {
            return (controller != null && controllers.contains(controller))
                    || (serviceTask != null && serviceTasks.contains(serviceTask))
                    || (generalType != null && generalTypes.contains(generalType))
                    || (specificType != null && specificTypes.contains(specificType));
        }
    }

    /**
     * @param allowingCodes          codes of 1.2.246.537.6.1286.201901 that let the guardians see the document; default
     *                               {@code 1} ("the minor does not forbid disclosing the document", the real sample)
     * @param assumeAllowedBelowAge  for a document without the code: shown to the guardians when the minor was younger
     *                               than this on the document's day; default 12 (from 12 a child must be heard in their
     *                               own matter, Administrative Procedure Act 434/2003 s. 34)
     */
    public record Guardian(Set<String> allowingCodes, Integer assumeAllowedBelowAge) {

        public Guardian {
            allowingCodes = allowingCodes == null ? Set.of("1") : Set.copyOf(allowingCodes);
            assumeAllowedBelowAge = assumeAllowedBelowAge == null ? Integer.valueOf(12) : assumeAllowedBelowAge;
            if (assumeAllowedBelowAge < 0 || assumeAllowedBelowAge > 18) {
                throw new IllegalArgumentException("arkisto.access.guardian.assume-allowed-below-age must be 0-18");
            }
        }

        public static Guardian defaults() {
            return new Guardian(null, null);
        }
    }

    /**
     * Which structured-form fields are location data of a person under non-disclosure (kanta.fi, phase 2
     * functionalities: "data concerning the home town, address and other data that reveals the location of the
     * person"): a location key counts inside an object reached through a person key, so a service unit's own address
     * and telephone number do not.
     *
     * @param personKeys   JSON keys whose value describes a person; default asiakas, henkilo, asianosainen, asianosaiset,
     *                     huoltaja, huoltajat, lapsi, lapset, perheenjasen, perheenjasenet, yhteyshenkilo, edustaja
     * @param locationKeys JSON keys whose value is location data; default kotikunta, asuinkunta, osoite, lahiosoite,
     *                     postinumero, postitoimipaikka, yhteystiedot, puhelinnumero, sahkoposti, sahkopostiosoite,
     *                     asuinpaikka, oleskelupaikka
     */
    public record NonDisclosure(Set<String> personKeys, Set<String> locationKeys) {

        static final List<String> PERSON_KEYS = List.of("asiakas", "henkilo", "asianosainen", "asianosaiset",
                "huoltaja", "huoltajat", "lapsi", "lapset", "perheenjasen", "perheenjasenet", "yhteyshenkilo", "edustaja");
        static final List<String> LOCATION_KEYS = List.of("kotikunta", "asuinkunta", "osoite", "lahiosoite",
                "postinumero", "postitoimipaikka", "yhteystiedot", "puhelinnumero", "sahkoposti", "sahkopostiosoite",
                "asuinpaikka", "oleskelupaikka");

        public NonDisclosure {
            personKeys = personKeys == null ? Set.copyOf(PERSON_KEYS) : Set.copyOf(personKeys);
            locationKeys = locationKeys == null ? Set.copyOf(LOCATION_KEYS) : Set.copyOf(locationKeys);
            Set<String> both = new HashSet<>(personKeys);
            both.retainAll(locationKeys);
            if (!both.isEmpty()) {
                throw new IllegalArgumentException("arkisto.access.non-disclosure keys are both person and location keys: "
                        + both);
            }
        }

        public static NonDisclosure defaults() {
            return new NonDisclosure(null, null);
        }
    }

    /**
     * The operator's record of the day each controller began to use the archive's stage-2 functions (docs/access.md,
     * "Decisions where the sources are silent", 9): a document archived into a controller's register before that day
     * is a stage-1 document, disclosed to another controller only on a broad search and never shown to the citizen.
     * A controller without a day has archived stage-2 documents only. Keys are controller OIDs, written in brackets
     * ({@code arkisto.access.stage-two.start-days[1.2.246.10.12345678.10.0]=2026-09-01}).
     *
     * @param startDays per controller OID, its first day of stage-2 use (a Finnish day)
     */
    public record StageTwo(Map<String, LocalDate> startDays) {

        public StageTwo {
            startDays = startDays == null ? Map.of() : Map.copyOf(startDays);
            for (String controller : startDays.keySet()) {
                if (!Oid.isValid(controller)) {
                    throw new IllegalArgumentException("arkisto.access.stage-two.start-days: " + controller
                            + " is not a controller OID (write the key in brackets: start-days[1.2.246...])");
                }
            }
        }

        public static StageTwo defaults() {
            return new StageTwo(null);
        }
    }
}

package fi.arkisto.testkit.generator;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.generator.ClientPlanner.Common;
import fi.arkisto.testkit.generator.ClientPlanner.SharedCase;
import fi.arkisto.testkit.generator.DocumentSpec.ProviderSpec;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentGroup;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentType;
import fi.arkisto.testkit.generator.SyntheticPopulation.Person;

import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The documents only the citizen's view tells apart (docs/access.md, "The citizen's view"), planned for a client of
 * {@link ClientPlanner} when the options ask for them: reports a professional restricted from the client's view, some
 * lifted by a later version; documents in other controllers' registers; case documents carrying the client's home
 * town. They draw from a random stream of their own, so that a seed's population without them stays the same.
 */
final class CitizenViewKinds {

    private final ClientPlanner planner;
    private final GeneratorOptions options;
    private final SplittableRandom kinds;
    private final Set<String> protectedClients = new HashSet<>();

    CitizenViewKinds(ClientPlanner planner, GeneratorOptions options) {
        this.planner = planner;
        this.options = options;
        this.kinds = new SplittableRandom(~options.seed());
    }

    /** A client planned: under non-disclosure or not. */
    void client(Person client, boolean nonDisclosure) {
        if (nonDisclosure) {
            protectedClients.add(client.identityCode());
        }
    }

    /** The case document, now and then with the client's home town while nobody of the case is protected. */
    DocumentSpec caseDocument(DocumentSpec document, Person client, SharedCase shared) {
        return options.locationDataInCases() && !anyoneProtected(shared, client) && kinds.nextInt(3) == 0
                ? document.withLocationData() : document;
    }

    /** Now and then a restricted report and documents in another register; answers the time of the last. */
    ZonedDateTime plan(List<DocumentSpec> planned, Map<String, DocumentSpec> latest, Common c, ZonedDateTime time) {
        if (options.restrictedDocuments() && kinds.nextInt(4) == 0) {
            time = restrictedReport(planned, latest, c, time);
        }
        if (!options.otherRegisters().isEmpty() && kinds.nextInt(4) == 0) {
            inOtherRegister(planned, SyntheticPopulation.pick(kinds, options.otherRegisters()), c, time);
        }
        return time;
    }

    /**
     * A report a professional restricted from the client's view, by either argument; half of the time a later version
     * without it lifts the restriction (the lifting version is shown, the restricted one stays hidden).
     */
    private ZonedDateTime restrictedReport(List<DocumentSpec> planned, Map<String, DocumentSpec> latest, Common c,
                                           ZonedDateTime time) {
        ZonedDateTime day = planner.notAfterToday(time.plusDays(kinds.nextInt(20)).plusMinutes(1 + kinds.nextInt(600)));
        DocumentSpec.Restriction kind = kinds.nextBoolean() ? DocumentSpec.Restriction.INACCESSIBLE
                : DocumentSpec.Restriction.AUTHORIZATION_RESTRICTION;
        DocumentSpec restricted = planner.spec(c, DocumentGroup.OTHER, DocumentType.CLIENT_REPORT, day, null, null,
                null, null, null).restricted(kind);
        ClientPlanner.add(planned, latest, restricted);
        if (kinds.nextBoolean()) {
            day = planner.notAfterToday(day.plusDays(1 + kinds.nextInt(30)));
            ClientPlanner.add(planned, latest, restricted.replacedBy(planner.nextDocumentOid(),
                    Texts.reasonOfCorrection(kinds), day, restricted.paragraphs()).restricted(null));
        }
        return day;
    }

    /**
     * The client's client relationship document and a report in another controller's register, its own client
     * relationship there. They stay out of the organisation's records of the client (the organisation keeps no records
     * of another controller's documents).
     */
    private void inOtherRegister(List<DocumentSpec> planned, Oid register, Common own, ZonedDateTime time) {
        String name = "Rekisterinpitäjä " + register.value().split("\\.")[4];
        String unitOid = ClientPlanner.unitOf(register, 4001001);
        String unitName = own.task().unitName() + ", " + name;
        Common c = new Common(own.client(), own.task(), own.professional(), own.professionalId(), unitOid, unitName,
                planner.nextRelationshipId(), planner.notAfterToday(time.toLocalDate()), own.retention(),
                own.nonDisclosure());
        ZonedDateTime day = planner.notAfterToday(time.plusDays(1 + kinds.nextInt(10)));
        planned.add(planner.spec(c, DocumentGroup.CLIENT_RELATIONSHIP, DocumentType.CLIENT_RELATIONSHIP, day, null,
                null, null, List.of(new ProviderSpec(unitOid, unitName, c.start(), null)), null)
                .inRegister(register.value(), name));
        day = planner.notAfterToday(day.plusDays(kinds.nextInt(10)).plusMinutes(1 + kinds.nextInt(600)));
        planned.add(planner.spec(c, DocumentGroup.OTHER, DocumentType.CLIENT_REPORT, day, null, null, null, null,
                null).inRegister(register.value(), name));
    }

    /**
     * Whether the client or a party of the case so far is under non-disclosure: their location data must not be in a
     * case document (the archive refuses it), so only documents written before such a party joins carry it.
     */
    private boolean anyoneProtected(SharedCase shared, Person client) {
        if (protectedClients.contains(client.identityCode())
                || protectedClients.contains(shared.owner.client().identityCode())) {
            return true;
        }
        return shared.topic != null && shared.topic.parties().stream()
                .anyMatch(p -> protectedClients.contains(p.person().identityCode()));
    }
}

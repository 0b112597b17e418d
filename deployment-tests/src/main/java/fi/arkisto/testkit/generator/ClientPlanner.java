package fi.arkisto.testkit.generator;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.generator.DocumentSpec.PartySpec;
import fi.arkisto.testkit.generator.DocumentSpec.ProviderSpec;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentGroup;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentType;
import fi.arkisto.testkit.generator.GeneratorCodes.ServiceTask;
import fi.arkisto.testkit.generator.SyntheticPopulation.Person;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plans one synthetic client at a time: the client relationship document (now and then under non-disclosure, now and
 * then naming an outsourced provider's unit whose period a replacement later ends, sometimes handing over to another
 * provider), cases whose documents share an encompassingEncounter id (now and then a mutual case the next client, a
 * family member, joins: the case's topic document names the parties with their periods, and a later version may end
 * a party's period), other client documents, now and then an old document, and a replacement. Next to the documents
 * it plans the records the organisation keeps of the client's will (informing, consent, denials) and the register
 * access agreements with the providers, as API calls ({@link AccessRecords}). The kinds only the citizen's view
 * tells apart, when asked for, are {@link CitizenViewKinds}'.
 */
final class ClientPlanner {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final GeneratorOptions options;
    private final SplittableRandom random;
    private final CitizenViewKinds kinds;
    private final String root;
    private final Set<String> agreedProviders = new HashSet<>();
    private long documentCounter;
    private long relationshipCounter;
    private long caseCounter;
    private SharedCase lastCase;

    /** One client's documents in archiving order, and the API calls that record what the organisation knows. */
    record Plan(List<DocumentSpec> documents, List<AccessRecord> records) {
    }

    ClientPlanner(GeneratorOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.kinds = new CitizenViewKinds(this, options);
        String organisation = options.organisation().value();
        String base = organisation.endsWith(".10.0")
                ? organisation.substring(0, organisation.length() - ".10.0".length()) : organisation;
        // 95777 = the archive-document arc used by the sample's client system; the seed keeps runs apart.
        this.root = base + ".95777." + Long.toUnsignedString(options.seed());
    }

    Plan plan() {
        LocalDate today = options.today();
        Person client = SyntheticPopulation.person(random, today);
        int taskIndex = random.nextInt(GeneratorCodes.SERVICE_TASKS.size());
        // Now and then the next client is a family member who becomes a party to the previous client's case:
        // a mutual case, the same encompassingEncounter id in both clients' documents.
        SharedCase joined = lastCase != null && random.nextInt(4) == 0 ? lastCase : null;
        if (joined != null) {
            taskIndex = joined.taskIndex;
        }
        ServiceTask task = GeneratorCodes.SERVICE_TASKS.get(taskIndex);
        String unitOid = unitOf(options.organisation(), 2001001 + taskIndex);
        String unitName = task.unitName() + ", " + options.organisationName();
        String professional = SyntheticPopulation.professionalName(random);
        String professionalId = SyntheticPopulation.professionalIdentityCode(random, today);
        // A client's documents span at most ~260 days from the start: starting 300+ days back keeps them in the past.
        LocalDate start = today.minusDays(300 + random.nextInt(900));
        if (start.isBefore(client.birthDate())) {
            start = client.birthDate().plusDays(1);
        }
        String relationshipId = nextRelationshipId();
        // The National Archives' sampling rule for social welfare records: persons born on the 8th, 18th and 28th day are preserved permanently.
        int day = client.birthDate().getDayOfMonth();
        String retention = day == 8 || day == 18 || day == 28 ? "1" : "2";
        boolean nonDisclosure = random.nextInt(20) == 0;
        ZonedDateTime time = start.atTime(8 + random.nextInt(8), random.nextInt(60), random.nextInt(60))
                .atZone(HELSINKI);
        kinds.client(client, nonDisclosure);
        Common c = new Common(client, task, professional, professionalId, unitOid, unitName, relationshipId, start,
                retention, nonDisclosure);

        List<DocumentSpec> planned = new ArrayList<>();
        List<AccessRecord> records = new ArrayList<>();
        // the latest version of each of the client's own sets, for replacements
        Map<String, DocumentSpec> latest = new LinkedHashMap<>();
        if (random.nextInt(8) == 0) {
            // An old document: written before the organisation joined the archive, unstructured, no case.
            ZonedDateTime old = time.minusYears(2 + random.nextInt(10));
            if (old.toLocalDate().isBefore(client.birthDate())) {
                old = client.birthDate().plusDays(1).atTime(12, 0).atZone(HELSINKI);
            }
            add(planned, latest, spec(c, DocumentGroup.OLD, DocumentType.OLD_DOCUMENT, old, null, null, null, null, null));
        }
        Oid provider = !options.providers().isEmpty() && random.nextInt(3) == 0
                ? SyntheticPopulation.pick(random, options.providers()) : null;
        ProviderSpec production = provider == null
                ? new ProviderSpec(unitOid, unitName, start, null)
                : new ProviderSpec(unitOf(provider, 3001001 + taskIndex), task.unitName() + ", " + providerName(provider),
                notAfterToday(start.plusDays(random.nextInt(30))), null);
        if (provider != null && agreedProviders.add(provider.value())) {
            records.add(AccessRecords.agreement(options, provider, agreedProviders.size()));
        }
        DocumentSpec relationship = spec(c, DocumentGroup.CLIENT_RELATIONSHIP, DocumentType.CLIENT_RELATIONSHIP, time,
                null, null, null, List.of(production), null);
        add(planned, latest, relationship);
        List<PlannedTopic> topics = new ArrayList<>();
        int cases = random.nextInt(3);
        if (joined != null && cases == 0) {
            cases = 1;
        }
        for (int i = 0; i < cases; i++) {
            time = time.plusDays(1 + random.nextInt(30)).plusMinutes(random.nextInt(600));
            SharedCase shared;
            if (i == 0 && joined != null) {
                shared = joined;
                if (time.toLocalDate().isBefore(shared.opened)) {
                    time = shared.opened.atTime(9, 0).atZone(HELSINKI);
                }
                time = notAfterToday(time);
                topics.add(new PlannedTopic(shared, time));
            } else {
                String caseId = root + ".3." + (++caseCounter);
                shared = new SharedCase(caseId, notAfterToday(time).toLocalDate(), Texts.caseTitle(random, task),
                        taskIndex, c);
                lastCase = shared;
            }
            int documents = 1 + random.nextInt(3);
            for (int d = 0; d < documents; d++) {
                DocumentType type = d == documents - 1 && random.nextBoolean() ? DocumentType.DECISION
                        : random.nextBoolean() ? DocumentType.PLAN : DocumentType.STATEMENT;
                time = time.plusDays(random.nextInt(20)).plusMinutes(1 + random.nextInt(600));
                add(planned, latest, kinds.caseDocument(spec(c, DocumentGroup.CASE, type, time, shared.caseId,
                        shared.opened, shared.title, null, null), client, shared));
            }
        }
        int reports = random.nextInt(3);
        for (int i = 0; i < reports; i++) {
            time = time.plusDays(random.nextInt(40)).plusMinutes(1 + random.nextInt(600));
            add(planned, latest, spec(c, DocumentGroup.OTHER, DocumentType.CLIENT_REPORT, time, null, null, null, null,
                    null));
        }
        time = kinds.plan(planned, latest, c, time);
        if (provider != null && random.nextBoolean()) {
            endProvider(planned, latest, relationship, production, taskIndex, provider);
        }
        if (random.nextInt(5) == 0) {
            List<DocumentSpec> sets = new ArrayList<>(latest.values());
            DocumentSpec original = sets.get(random.nextInt(sets.size()));
            time = time.plusDays(1 + random.nextInt(10));
            List<String> corrected = new ArrayList<>(original.paragraphs());
            corrected.add(Texts.correctionNote(random));
            add(planned, latest, original.replacedBy(nextDocumentOid(), Texts.reasonOfCorrection(random),
                    notAfterToday(time), corrected));
        }
        for (PlannedTopic topic : topics) {
            joinCase(planned, topic.shared, client, topic.joined);
        }
        records.addAll(AccessRecords.forClient(random, options, client.identityCode(), start, latest.values(),
                taskIndex));
        return new Plan(planned, records);
    }

    /**
     * A replacement of the client relationship document that ends the provider's period, now and then handing the
     * service over to another provider from the next day.
     */
    private void endProvider(List<DocumentSpec> planned, Map<String, DocumentSpec> latest, DocumentSpec relationship,
                             ProviderSpec production, int taskIndex, Oid provider) {
        LocalDate end = production.start().plusDays(30 + random.nextInt(180));
        if (!end.isBefore(options.today())) {
            return;
        }
        List<ProviderSpec> entries = new ArrayList<>(List.of(production.endingOn(end)));
        Oid next = options.providers().size() > 1 && random.nextBoolean()
                ? options.providers().stream().filter(p -> !p.equals(provider)).findFirst().orElseThrow() : null;
        if (next != null) {
            entries.add(new ProviderSpec(unitOf(next, 3001001 + taskIndex),
                    relationship.serviceTask().unitName() + ", " + providerName(next), end.plusDays(1), null));
        }
        DocumentSpec current = latest.get(relationship.setId());
        add(planned, latest, current.nextVersion(nextDocumentOid(), Texts.providerEnded(random),
                end.atTime(12, 0).atZone(HELSINKI), current.paragraphs(), entries, List.of()));
    }

    /**
     * The client joins the case: the topic document, in the case owner's register and of the owner's client, names
     * every party with its period (a first version naming the owner and the joiner, or a new version adding the
     * joiner), and now and then a later version ends the joiner's period.
     */
    private void joinCase(List<DocumentSpec> planned, SharedCase shared, Person joiner, ZonedDateTime joined) {
        LocalDate joinDay = joined.toLocalDate();
        List<PartySpec> parties = new ArrayList<>(shared.topic == null
                ? List.of(new PartySpec(shared.owner.client, shared.opened, null)) : shared.topic.parties());
        parties.add(new PartySpec(joiner, joinDay, null));
        DocumentSpec topic = shared.topic == null
                ? spec(shared.owner, DocumentGroup.CASE, DocumentType.MUTUAL_CASE_TOPIC, joined, shared.caseId,
                shared.opened, shared.title, null, parties)
                : shared.topic.nextVersion(nextDocumentOid(), Texts.partiesChanged(true), joined,
                shared.topic.paragraphs(), List.of(), parties);
        planned.add(topic);
        shared.topic = topic;
        LocalDate leaves = joinDay.plusDays(20 + random.nextInt(100));
        if (random.nextInt(3) == 0 && leaves.isBefore(options.today())) {
            List<PartySpec> after = new ArrayList<>(parties);
            after.set(after.size() - 1, new PartySpec(joiner, joinDay, leaves));
            DocumentSpec left = topic.nextVersion(nextDocumentOid(), Texts.partiesChanged(false),
                    leaves.atTime(10, 0).atZone(HELSINKI), topic.paragraphs(), List.of(), after);
            planned.add(left);
            shared.topic = left;
        }
    }

    static void add(List<DocumentSpec> planned, Map<String, DocumentSpec> latest, DocumentSpec spec) {
        planned.add(spec);
        latest.put(spec.setId(), spec);
    }

    String nextDocumentOid() {
        return root + ".1." + (++documentCounter);
    }

    String nextRelationshipId() {
        return root + ".2." + (++relationshipCounter);
    }

    /** A unit of the organisation: {@code 1.2.246.10.<business id>.10.<n>}, or {@code <organisation>.<n>}. */
    static String unitOf(Oid organisation, int n) {
        String value = organisation.value();
        return value.endsWith(".10.0") ? value.substring(0, value.length() - 1) + n : value + "." + n;
    }

    private static String providerName(Oid provider) {
        return "Palveluntuottaja " + provider.value().split("\\.")[4] + " Oy";
    }

    DocumentSpec spec(Common c, DocumentGroup group, DocumentType type, ZonedDateTime time, String caseId,
                              LocalDate opened, String title, List<ProviderSpec> providers, List<PartySpec> parties) {
        String oid = nextDocumentOid();
        return new DocumentSpec(oid, oid, 1, null, null, group, type, c.task, c.client, c.professional,
                c.professionalId, options.organisation().value(), options.organisationName(), c.unitOid,
                c.unitName, notAfterToday(time), caseId, opened, title, c.relationshipId, c.start, c.retention,
                Texts.paragraphs(random, type), c.nonDisclosure, providers, parties, null, false);
    }

    /** Clients born recently start late; their documents still never lie after {@code today}. */
    ZonedDateTime notAfterToday(ZonedDateTime time) {
        ZonedDateTime endOfToday = options.today().atTime(17, 0).atZone(HELSINKI);
        return time.isAfter(endOfToday) ? endOfToday : time;
    }

    LocalDate notAfterToday(LocalDate day) {
        return day.isAfter(options.today()) ? options.today() : day;
    }

    /** A case the next client may join, with its owner and, once someone joined, its topic document's latest version. */
    static final class SharedCase {
        final String caseId;
        final LocalDate opened;
        final String title;
        final int taskIndex;
        final Common owner;
        DocumentSpec topic;

        SharedCase(String caseId, LocalDate opened, String title, int taskIndex, Common owner) {
            this.caseId = caseId;
            this.opened = opened;
            this.title = title;
            this.taskIndex = taskIndex;
            this.owner = owner;
        }
    }

    private record PlannedTopic(SharedCase shared, ZonedDateTime joined) {
    }

    record Common(Person client, ServiceTask task, String professional, String professionalId,
                          String unitOid, String unitName, String relationshipId, LocalDate start,
                          String retention, boolean nonDisclosure) {
    }
}

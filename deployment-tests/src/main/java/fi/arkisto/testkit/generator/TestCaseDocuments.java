package fi.arkisto.testkit.generator;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.testkit.deployment.ExpectedDocument;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentGroup;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentType;
import fi.arkisto.testkit.generator.GeneratorCodes.ServiceTask;
import fi.arkisto.testkit.generator.SyntheticPopulation.Person;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The documents of one deployment test case, as a client information system would enter them: one per catalogue
 * item, for a client with a test identity code handed out for the test, signed as the item requires (a
 * professional's signature for decisions, the system signature otherwise). A version-2 item replaces the version-1
 * item of the same group and type; an item expected NULLIFIED is to be nullified after archiving.
 */
public final class TestCaseDocuments {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    /** One document of the test case, in the order the client system sends it. */
    public record TestCaseDocument(String key, String documentOid, String setId, int version, boolean toNullify,
                                   byte[] xml) {
    }

    /**
     * @param seed keeps OIDs of different tests apart (e.g. a random number per test)
     */
    public record Options(Oid organisation, String organisationName, String clientIdentityCode, LocalDate today, long seed,
                          Function<byte[], byte[]> systemSigner, Function<byte[], byte[]> professionalSigner) {
        public Options {
            Objects.requireNonNull(organisation, "organisation");
            Objects.requireNonNull(organisationName, "organisationName");
            if (!PersonalIdentityCode.of(clientIdentityCode).isTestCode()) {
                throw new IllegalArgumentException("a test case is entered with a test identity code (900-999)");
            }
            Objects.requireNonNull(today, "today");
            Objects.requireNonNull(systemSigner, "systemSigner");
            professionalSigner = professionalSigner == null ? systemSigner : professionalSigner;
        }
    }

    private TestCaseDocuments() {
    }

    public static List<TestCaseDocument> write(List<ExpectedDocument> items, Options options) {
        SplittableRandom random = new SplittableRandom(options.seed());
        String organisation = options.organisation().value();
        String base = organisation.endsWith(".10.0") ? organisation.substring(0, organisation.length() - 5) : organisation;
        String root = base + ".95777." + Long.toUnsignedString(options.seed());
        PersonalIdentityCode code = PersonalIdentityCode.of(options.clientIdentityCode());
        Person client = new Person(code.value(), SyntheticPopulation.pick(random, List.of("Testinen", "Koekäyttäjä", "Esimerkki")),
                code.individualNumber() % 2 == 1 ? "Testi" : "Testa", code.birthDate(), code.individualNumber() % 2 == 1,
                SyntheticPopulation.pick(random, SyntheticPopulation.MUNICIPALITIES));
        ServiceTask task = GeneratorCodes.SERVICE_TASKS.get(0);
        String unitOid = organisation.endsWith(".10.0") ? base + ".10.2001001" : organisation + ".2001001";
        String unitName = task.unitName() + ", " + options.organisationName();
        String professional = SyntheticPopulation.professionalName(random);
        String professionalId = SyntheticPopulation.professionalIdentityCode(random, options.today());
        LocalDate start = options.today().minusDays(7);
        ZonedDateTime time = start.atTime(9, 0).atZone(HELSINKI);
        String relationship = root + ".2.1";
        String caseId = root + ".3.1";
        List<DocumentSpec> specs = new ArrayList<>();
        List<TestCaseDocument> documents = new ArrayList<>();
        int counter = 0;
        for (ExpectedDocument item : items) {
            time = time.plusHours(1);
            String oid = root + ".1." + (++counter);
            DocumentSpec spec;
            if (item.version() > 1) {
                DocumentSpec original = specs.stream().filter(s -> s.versionNumber() == item.version() - 1
                                && s.group().code.equals(item.documentGroup()) && Objects.equals(s.type().code, item.generalDocumentType()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("item " + item.key()
                                + " replaces an item that is not in the test case"));
                List<String> corrected = new ArrayList<>(original.paragraphs());
                corrected.add(Texts.correctionNote(random));
                spec = original.replacedBy(oid, Texts.reasonOfCorrection(random), time, corrected);
            } else {
                DocumentGroup group = group(item.documentGroup());
                DocumentType type = type(item.generalDocumentType());
                boolean inCase = group == DocumentGroup.CASE;
                spec = new DocumentSpec(oid, oid, 1, null, null, group, type, task, client, professional, professionalId,
                        organisation, options.organisationName(), unitOid, unitName, time, inCase ? caseId : null,
                        inCase ? start : null, inCase ? Texts.caseTitle(random, task) : null, relationship, start, "2",
                        Texts.paragraphs(random, type), false,
                        // the organiser's own unit produces the service (as in the real sample)
                        List.of(new DocumentSpec.ProviderSpec(unitOid, unitName, start, null)), List.of(), null, false);
            }
            specs.add(spec);
            Function<byte[], byte[]> signer = item.signature() == fi.arkisto.store.document.SignatureType.PROFESSIONAL
                    ? options.professionalSigner() : options.systemSigner();
            documents.add(new TestCaseDocument(item.key(), spec.documentOid(), spec.setId(), spec.versionNumber(),
                    item.status() == fi.arkisto.store.document.DocumentStatus.NULLIFIED, signer.apply(CdaWriter.write(spec))));
        }
        return documents;
    }

    private static DocumentGroup group(String code) {
        for (DocumentGroup group : DocumentGroup.values()) {
            if (group.code.equals(code)) {
                return group;
            }
        }
        throw new IllegalArgumentException("unknown document group " + code);
    }

    private static DocumentType type(String code) {
        for (DocumentType type : DocumentType.values()) {
            if (Objects.equals(type.code, code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown general document type " + code);
    }
}

package fi.arkisto.testkit.deployment;

import fi.arkisto.store.document.DocumentStatus;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.organisation.KantaFunction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which documents each function's deployment test needs. Kanta publishes the test cases themselves only in its
 * handbook for social welfare service providers, which is not public; this catalogue follows what the public pages
 * say each function is about (docs/workflows.md, "Test case catalogue"):
 * <ul>
 *   <li>archiving: a client relationship document, a client document with a system signature, its replacement
 *       (a new version with a reason of correction) and a nullified document;</li>
 *   <li>professional signatures: a decision signed by a professional;</li>
 *   <li>structured documents: a structured client relationship document and a structured case document (a plan);</li>
 *   <li>register access right: the organiser's client relationship document naming the provider's unit, and a case
 *       document the provider records in the organiser's register;</li>
 *   <li>sharing: a client relationship document and a client document to be shared.</li>
 * </ul>
 * A test of several functions needs each item once.
 */
public final class TestCaseCatalogue {

    public static final String CLIENT_RELATIONSHIP = "client-relationship";
    public static final String CLIENT_DOCUMENT = "client-document";
    public static final String REPLACEMENT = "replacement";
    public static final String NULLIFIED_DOCUMENT = "nullified-document";
    public static final String DECISION = "decision";
    public static final String STRUCTURED_CASE_DOCUMENT = "structured-case-document";
    public static final String PROVIDER_CASE_DOCUMENT = "provider-case-document";

    private static final Map<String, ExpectedDocument> ITEMS = new LinkedHashMap<>();
    private static final Map<KantaFunction, List<String>> BY_FUNCTION = new EnumMap<>(KantaFunction.class);

    static {
        item(new ExpectedDocument(CLIENT_RELATIONSHIP, "Asiakkuusasiakirja", "Client relationship document", "1", null, 1,
                DocumentStatus.ACTIVE, SignatureType.SYSTEM, true));
        item(new ExpectedDocument(CLIENT_DOCUMENT, "Asiakaskertomus järjestelmäallekirjoituksella",
                "Client document with a system signature", "3", "4", 1, DocumentStatus.REPLACED, SignatureType.SYSTEM, true));
        item(new ExpectedDocument(REPLACEMENT, "Asiakaskertomuksen korvaava versio", "Replacement of the client document",
                "3", "4", 2, DocumentStatus.ACTIVE, SignatureType.SYSTEM, true));
        item(new ExpectedDocument(NULLIFIED_DOCUMENT, "Mitätöity asiakassuunnitelma", "Nullified client plan", "2", "3", 1,
                DocumentStatus.NULLIFIED, SignatureType.SYSTEM, true));
        item(new ExpectedDocument(DECISION, "Päätös ammattilaisen allekirjoituksella", "Decision with a professional signature",
                "2", "1", 1, DocumentStatus.ACTIVE, SignatureType.PROFESSIONAL, true));
        item(new ExpectedDocument(STRUCTURED_CASE_DOCUMENT, "Rakenteinen asiakassuunnitelma", "Structured client plan",
                "2", "3", 1, DocumentStatus.ACTIVE, SignatureType.SYSTEM, true));
        item(new ExpectedDocument(PROVIDER_CASE_DOCUMENT, "Palveluntuottajan kirjaama asiakaskertomus",
                "Client document recorded by the service provider", "3", "4", 1, DocumentStatus.ACTIVE, SignatureType.SYSTEM,
                true));
        BY_FUNCTION.put(KantaFunction.ARCHIVING, List.of(CLIENT_RELATIONSHIP, CLIENT_DOCUMENT, REPLACEMENT, NULLIFIED_DOCUMENT));
        BY_FUNCTION.put(KantaFunction.PROFESSIONAL_SIGNATURES, List.of(DECISION));
        BY_FUNCTION.put(KantaFunction.STRUCTURED_DOCUMENTS, List.of(CLIENT_RELATIONSHIP, STRUCTURED_CASE_DOCUMENT));
        BY_FUNCTION.put(KantaFunction.REGISTER_ACCESS_RIGHT, List.of(CLIENT_RELATIONSHIP, PROVIDER_CASE_DOCUMENT));
        BY_FUNCTION.put(KantaFunction.SHARING, List.of(CLIENT_RELATIONSHIP, CLIENT_DOCUMENT, REPLACEMENT));
    }

    private TestCaseCatalogue() {
    }

    private static void item(ExpectedDocument document) {
        ITEMS.put(document.key(), document);
    }

    /** What a test of these functions needs, each item once, in catalogue order. */
    public static List<ExpectedDocument> expectedFor(Collection<KantaFunction> functions) {
        List<ExpectedDocument> expected = new ArrayList<>();
        for (ExpectedDocument item : ITEMS.values()) {
            boolean needed = functions.stream().anyMatch(f -> BY_FUNCTION.getOrDefault(f, List.of()).contains(item.key()));
            if (needed) {
                expected.add(item);
            }
        }
        return expected;
    }

    public static ExpectedDocument item(String key) {
        ExpectedDocument item = ITEMS.get(key);
        if (item == null) {
            throw new IllegalArgumentException("No test case item " + key);
        }
        return item;
    }
}

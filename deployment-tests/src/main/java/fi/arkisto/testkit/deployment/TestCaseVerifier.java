package fi.arkisto.testkit.deployment;

import fi.arkisto.store.identity.IdentityCodeRedaction;
import fi.arkisto.store.identity.IdentityCodeScanner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what arrived during a test window with the test case (docs/workflows.md, "Deployment test": the archivist checks that every
 * test document is in the archive, in the controller's register, and matches what the client system holds; this
 * automates the first two and the document rules, the archivist does the third): every expected document present,
 * in the controller's register, in the expected state, with a valid signature of the right type, structured where
 * required, and test identity codes only, those handed out for the test. Pure: no I/O.
 */
public final class TestCaseVerifier {

    private static final Set<String> STRUCTURE_WARNINGS = Set.of("UNKNOWN_CONTENT_SPECIFICATION", "STRUCTURE_INVALID");

    /**
     * @param handedOut the test identity codes handed out for the test; empty = any test code is accepted
     */
    public VerificationFindings verify(List<ExpectedDocument> expected, List<ArrivedDocument> arrived, Set<String> handedOut) {
        Map<ArrivedDocument, List<Finding>> documentFindings = new LinkedHashMap<>();
        for (ArrivedDocument document : arrived) {
            documentFindings.put(document, documentFindings(document, handedOut));
        }
        Map<ArrivedDocument, String> taken = new HashMap<>();
        Map<String, ArrivedDocument> matchOfItem = new HashMap<>();
        List<VerificationFindings.ItemResult> items = new ArrayList<>();
        for (ExpectedDocument item : expected) {
            Optional<ArrivedDocument> exact = candidate(item, arrived, taken, true);
            Optional<ArrivedDocument> match = exact.isPresent() ? exact : candidate(item, arrived, taken, false);
            List<Finding> findings = new ArrayList<>();
            if (match.isEmpty()) {
                long refused = arrived.stream().filter(d -> !d.archived()).count();
                findings.add(new Finding(Problem.MISSING, refused == 0 ? null
                        : refused + " asiakirjaa hylättiin / documents were refused"));
                items.add(new VerificationFindings.ItemResult(item.key(), item.nameFi(), item.nameEn(), null, findings));
                continue;
            }
            ArrivedDocument document = match.get();
            taken.put(document, item.key());
            matchOfItem.put(item.key(), document);
            if (!item.status().name().equals(document.status())) {
                findings.add(new Finding(Problem.WRONG_STATUS, document.status() + " ≠ " + item.status()));
            }
            if (!document.validSignatureTypes().contains(item.signature().code())) {
                findings.add(new Finding(Problem.WRONG_SIGNATURE, "type " + item.signature().code() + " ("
                        + item.signature().name().toLowerCase() + ")"));
            }
            if (item.structured() && document.contentSpecificationId() == null) {
                findings.add(new Finding(Problem.NOT_STRUCTURED, null));
            }
            if (item.version() > 1) {
                expected.stream().filter(e -> e.version() == item.version() - 1 && e.documentGroup().equals(item.documentGroup())
                                && Objects.equals(e.generalDocumentType(), item.generalDocumentType()))
                        .map(e -> matchOfItem.get(e.key())).filter(Objects::nonNull).findFirst()
                        .filter(original -> !original.setId().equals(document.setId()))
                        .ifPresent(original -> findings.add(new Finding(Problem.NOT_OF_SAME_SET, document.setId())));
            }
            items.add(new VerificationFindings.ItemResult(item.key(), item.nameFi(), item.nameEn(), document.documentOid(),
                    findings));
        }
        List<VerificationFindings.DocumentResult> documents = new ArrayList<>();
        for (Map.Entry<ArrivedDocument, List<Finding>> entry : documentFindings.entrySet()) {
            ArrivedDocument document = entry.getKey();
            List<Finding> findings = new ArrayList<>(entry.getValue());
            String item = taken.get(document);
            if (item == null && document.archived()) {
                findings.add(new Finding(Problem.UNEXPECTED, null));
            }
            documents.add(new VerificationFindings.DocumentResult(document.documentOid(), item,
                    document.archived() ? document.status() : "REFUSED", findings));
        }
        boolean passed = !expected.isEmpty() && items.stream().allMatch(VerificationFindings.ItemResult::ok)
                && documents.stream().allMatch(VerificationFindings.DocumentResult::ok);
        return new VerificationFindings(passed, items, documents);
    }

    private static List<Finding> documentFindings(ArrivedDocument document, Set<String> handedOut) {
        List<Finding> findings = new ArrayList<>();
        if (!document.archived()) {
            findings.add(new Finding(Problem.REFUSED, IdentityCodeRedaction.redact(document.refusal())));
            return findings;
        }
        if (!document.inControllerRegister()) {
            findings.add(new Finding(Problem.OTHER_REGISTER, null));
        }
        for (String code : document.identityCodes()) {
            if (!IdentityCodeScanner.isTestCode(code)) {
                findings.add(new Finding(Problem.REAL_IDENTITY_CODE, IdentityCodeRedaction.maskCode(code)));
            } else if (!handedOut.isEmpty() && !handedOut.contains(code)) {
                findings.add(new Finding(Problem.IDENTITY_NOT_HANDED_OUT, IdentityCodeRedaction.maskCode(code)));
            }
        }
        document.warnings().stream().filter(STRUCTURE_WARNINGS::contains).distinct()
                .forEach(w -> findings.add(new Finding(Problem.STRUCTURE_NOT_VERIFIED, w)));
        return findings;
    }

    /** The first untaken archived document of the item's shape; with {@code exactStatus} also in its expected state. */
    private static Optional<ArrivedDocument> candidate(ExpectedDocument item, List<ArrivedDocument> arrived,
                                                       Map<ArrivedDocument, String> taken, boolean exactStatus) {
        return arrived.stream()
                .filter(d -> d.archived() && d.inControllerRegister() && !taken.containsKey(d))
                .filter(d -> item.documentGroup().equals(d.documentGroup())
                        && Objects.equals(item.generalDocumentType(), d.generalDocumentType())
                        && item.version() == d.version())
                .filter(d -> !exactStatus || item.status().name().equals(d.status()))
                .findFirst();
    }
}

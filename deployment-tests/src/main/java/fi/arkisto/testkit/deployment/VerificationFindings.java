package fi.arkisto.testkit.deployment;

import java.util.List;

/**
 * What the verifier found: per test case item whether it arrived as required, and per arrived document its result.
 * The test passes when no finding fails it.
 */
public record VerificationFindings(boolean passed, List<ItemResult> items, List<DocumentResult> documents) {

    public VerificationFindings {
        items = List.copyOf(items);
        documents = List.copyOf(documents);
    }

    /** One test case item: the document that fulfils it (or null) and what is wrong. */
    public record ItemResult(String key, String nameFi, String nameEn, String documentOid, List<Finding> findings) {
        public ItemResult {
            findings = List.copyOf(findings);
        }

        public boolean ok() {
            return findings.stream().noneMatch(f -> f.problem().failsTheTest());
        }
    }

    /** One arrived document: the item it was taken for (or null) and what is wrong with it. */
    public record DocumentResult(String documentOid, String itemKey, String status, List<Finding> findings) {
        public DocumentResult {
            findings = List.copyOf(findings);
        }

        public boolean ok() {
            return findings.stream().noneMatch(f -> f.problem().failsTheTest());
        }
    }

    /** A plain-text summary, one line per item and document, for the task form and the process history. */
    public String summary() {
        StringBuilder text = new StringBuilder(passed ? "HYVÄKSYTTY / PASSED\n" : "HYLÄTTY / FAILED\n");
        for (ItemResult item : items) {
            text.append(item.ok() ? "[OK] " : "[!!] ").append(item.nameFi()).append(" / ").append(item.nameEn());
            text.append(item.documentOid() == null ? "" : " (" + item.documentOid() + ")").append('\n');
            item.findings().forEach(f -> text.append("     - ").append(f.text()).append('\n'));
        }
        for (DocumentResult document : documents) {
            if (document.itemKey() == null || !document.findings().isEmpty()) {
                text.append(document.ok() ? "[--] " : "[!!] ").append(document.documentOid()).append('\n');
                document.findings().forEach(f -> text.append("     - ").append(f.text()).append('\n'));
            }
        }
        return text.toString();
    }
}

package fi.arkisto.store.document;

import java.util.ArrayList;
import java.util.List;

/** What the archiving-stage checks found about one document and did not refuse it for. */
public final class ValidationReport {

    private final List<Warning> warnings = new ArrayList<>();
    private final List<SignatureEvidence> signatures = new ArrayList<>();

    public void warn(String code, String message) {
        warnings.add(new Warning(code, message));
    }

    public void addSignature(SignatureEvidence evidence) {
        signatures.add(evidence);
    }

    public List<Warning> warnings() {
        return List.copyOf(warnings);
    }

    public List<SignatureEvidence> signatures() {
        return List.copyOf(signatures);
    }
}

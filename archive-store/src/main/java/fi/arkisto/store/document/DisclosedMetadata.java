package fi.arkisto.store.document;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.nondisclosure.MaskedStructuredForm;

import java.util.Objects;

/**
 * What a metadata read discloses (docs/access.md, "Reading one document"): the version's metadata, the basis it was
 * read on, and how much of the document may leave. Under {@link Disclosure#STRUCTURED_FORM_MASKED} the structured
 * form comes with it, a protected person's location fields set to null and listed (kanta.fi, "Phase 2
 * functionalities in social welfare services": such fields "will be left blank and a note ... shall be saved"),
 * since the original and the display form that carry it are withheld.
 *
 * @param masked the masked structured form under {@code STRUCTURED_FORM_MASKED}; null otherwise, and null when the
 *               version has no structured form or one too large to read in memory (then nothing of it is disclosed)
 * @param mutualCase the mutual case the document is attached to, with its parties, or null: the client information
 *                   system "must show clearly which documents are mutual with several clients and who the clients are"
 *                   (kanta.fi, "Phase 2 functionalities in social welfare services")
 * @param controller the register's current controller when a controller change has passed it on (the document's
 *                   signed custodian, {@code document.metadata().controllerOid()}, still names the original one), or
 *                   null for the custodian's (docs/access.md, "Controller change"); {@link #currentController()}
 */
public record DisclosedMetadata(ArchivedDocument document, AccessBasis basis, Disclosure disclosure,
                                MaskedStructuredForm masked, MutualCase mutualCase, String controller) {

    public DisclosedMetadata {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(disclosure, "disclosure");
    }

    /** A document whose register has its custodian as its controller. */
    public DisclosedMetadata(ArchivedDocument document, AccessBasis basis, Disclosure disclosure,
                             MaskedStructuredForm masked, MutualCase mutualCase) {
        this(document, basis, disclosure, masked, mutualCase, null);
    }

    /** A document attached to no mutual case. */
    public DisclosedMetadata(ArchivedDocument document, AccessBasis basis, Disclosure disclosure,
                             MaskedStructuredForm masked) {
        this(document, basis, disclosure, masked, null);
    }

    /** The register's controller now: after a controller change the new one, else the custodian. */
    public String currentController() {
        return controller != null ? controller : document.metadata().controllerOid();
    }

    /** Whether the original and the display form may be read too. */
    public boolean wholeDocument() {
        return disclosure == Disclosure.FULL;
    }
}

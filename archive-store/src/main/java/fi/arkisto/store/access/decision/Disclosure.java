package fi.arkisto.store.access.decision;

/**
 * What of an allowed document may leave the archive.
 *
 * <p>Location data of a person under non-disclosure for safety reasons (home municipality, address, contact details)
 * is never disclosed to another organisation (kanta.fi, "Processing of data that is subject to personal data access
 * restriction": the archive "does not share data that is subject to personal data access restriction with another
 * service organiser"). The display form is free XHTML in which the protected parts cannot be located reliably, and
 * the original CDA carries the display and structured forms in Base64, so both are withheld and only the structured
 * form leaves, with the location fields blanked.
 */
public enum Disclosure {
    /** Nothing: the request was denied. */
    NONE,
    /** Metadata, original bytes, display form and structured form. */
    FULL,
    /** Metadata and the structured form with location fields blanked; original bytes and display form withheld. */
    STRUCTURED_FORM_MASKED,
    /**
     * In a list: the document's metadata only. The organiser's own professional without the right to process data
     * under non-disclosure sees that the protected client relationship document exists, but reading it is denied.
     */
    METADATA_ONLY
}

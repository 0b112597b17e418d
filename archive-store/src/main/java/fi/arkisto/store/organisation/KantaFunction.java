package fi.arkisto.store.organisation;

/**
 * The functions of the client data archive an organisation deploys one by one (kanta.fi, "Functionalities of the
 * Client Data Repository for Social Welfare Services" and "Register access right of social welfare services"), each
 * after a successful deployment test reported to Kela.
 */
public enum KantaFunction {
    /** Archiving client documents into the organisation's own register (stage 1). */
    ARCHIVING,
    /** Register access right between a service organiser and its outsourced service provider. */
    REGISTER_ACCESS_RIGHT,
    /** Sharing client data with other social welfare controllers (consents, denials, searches). */
    SHARING,
    /** Structured documents following THL's Sosmeta structures, verified at archiving. */
    STRUCTURED_DOCUMENTS,
    /** Professionals' electronic signatures on decisions, statements and other documents that need them. */
    PROFESSIONAL_SIGNATURES
}

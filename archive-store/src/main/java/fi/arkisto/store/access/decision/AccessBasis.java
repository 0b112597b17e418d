package fi.arkisto.store.access.decision;

/**
 * On what ground a read or write of client data was allowed; recorded in the audit event of every decision so that
 * the client's log extract can say why someone saw their data (Act 703/2023 on the processing of client data in
 * social welfare and health care; see {@code docs/access.md}, "Bases").
 */
public enum AccessBasis {
    /** Nothing: the request was denied. */
    NONE,
    /** The controller's own use of its register (use context 1 of code system 1.2.246.537.6.1289.201901). */
    OWN_REGISTER,
    /** An outsourced or voucher provider using the organiser's register while its register access right is in effect. */
    REGISTER_ACCESS_RIGHT,
    /** The extensive register access right (shelter services): the provider also manages client relationship and case documents. */
    EXTENSIVE_REGISTER_ACCESS_RIGHT,
    /**
     * A provider using the organiser's register for a client with a test identity code while the window of their
     * register access right deployment test is open, before the agreement (docs/access.md, "The register access
     * right in its deployment test").
     */
    DEPLOYMENT_TEST_REGISTER_ACCESS,
    /** A disclosure to another controller on the client's informing, consent and active client relationship. */
    SHARING_WITH_CONSENT,
    /** A disclosure to another controller on a statutory right to information, which overrides consent and denials. */
    STATUTORY_RIGHT,
    /** A disclosure reaching old, stage-1 or denied documents on a broad-search justification (code system 1.2.246.537.6.1299). */
    BROAD_SEARCH,
    /** The citizen viewing their own data, as a client or as a mutual-case party (MyKanta). */
    CITIZEN_OWN,
    /** A guardian viewing a minor's data on the minor's behalf (MyKanta). */
    GUARDIAN
}

package fi.arkisto.store.access.request;

/**
 * What the client information system asserts about the professional's rights; the archive cannot check these
 * itself (kanta.fi, "Klientdataarkivet för socialvården": the organisation manages its professionals' roles and rights
 * locally) but records them in the audit event.
 *
 * @param mayProcessNonDisclosureData the professional has the right to process data under non-disclosure for safety
 *                                    reasons ("only by the professionals who have access rights to its processing",
 *                                    kanta.fi phase 2 functionalities)
 * @param statutoryRightBasis         the provision of a statutory right to information the professional acts on
 *                                    (e.g. a service-need assessment), or null; it overrides missing consent and
 *                                    denials of disclosure (kanta.fi, "Sosiaalipalvelujen asiakastietojen luovutuskielto")
 */
public record AssertedRights(boolean mayProcessNonDisclosureData, String statutoryRightBasis) {

    public static final AssertedRights NONE = new AssertedRights(false, null);

    public AssertedRights {
        if (statutoryRightBasis != null && statutoryRightBasis.isBlank()) {
            statutoryRightBasis = null;
        }
    }

    public boolean statutoryRight() {
        return statutoryRightBasis != null;
    }
}

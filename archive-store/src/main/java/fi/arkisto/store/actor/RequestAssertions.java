package fi.arkisto.store.actor;

/**
 * What the client information system asserts with a professional's request, beyond who acts and why. The archive
 * cannot check these (kanta.fi, "Klientdataarkivet för socialvården": an organisation manages its professionals'
 * roles and rights locally), so it decides on them and records them in the audit event of the decision
 * (docs/access.md, "Request context").
 *
 * @param broadSearchJustification a code of 1.2.246.537.6.1299 (laajan tiedonhaun peruste): the professional searches
 *                                 beyond what is disclosed by default (old, stage-1 and denied documents), or null
 * @param nonDisclosureRight       the professional has the right to process data under non-disclosure for safety
 *                                 reasons (kanta.fi, phase 2 functionalities: "only by the professionals who have
 *                                 access rights to its processing")
 * @param statutoryRightBasis      the provision of a statutory right to information the professional acts on, or null
 */
public record RequestAssertions(String broadSearchJustification, boolean nonDisclosureRight,
                                String statutoryRightBasis) {

    public static final RequestAssertions NONE = new RequestAssertions(null, false, null);

    public RequestAssertions {
        if (broadSearchJustification != null && broadSearchJustification.isBlank()) {
            broadSearchJustification = null;
        }
        if (statutoryRightBasis != null && statutoryRightBasis.isBlank()) {
            statutoryRightBasis = null;
        }
    }

    /** How the assertions read in an audit event: empty when nothing was asserted. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (broadSearchJustification != null) {
            text.append("broad-search justification ").append(broadSearchJustification);
        }
        if (nonDisclosureRight) {
            text.append(text.isEmpty() ? "" : "; ").append("asserted right to process non-disclosure data");
        }
        if (statutoryRightBasis != null) {
            text.append(text.isEmpty() ? "" : "; ").append("statutory right: ").append(statutoryRightBasis);
        }
        return text.toString();
    }
}

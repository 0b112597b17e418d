package fi.arkisto.store.document;

import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ErrorCode;

/**
 * The words an audit event records an access decision with (docs/access.md, "Reading one document" and "Archiving
 * and nullifying"): the basis and what it rests on, the use context and what the client system asserted; for a
 * denial its code and rule. A client's log extract says from them on what basis its data was used (Act 703/2023
 * s. 11).
 */
final class AccessDescription {

    private AccessDescription() {
    }

    /** @param code the problem code a denial is answered with; null for an allowed decision */
    static String describe(AccessVerdict verdict, ErrorCode code, RequestContext context, DocumentFacts document) {
        StringBuilder text = new StringBuilder();
        if (verdict.allowed()) {
            text.append("basis ").append(verdict.basis()).append(" (").append(basis(verdict, context, document))
                    .append("), disclosure ").append(verdict.disclosure());
        } else {
            text.append(code.name()).append(": ").append(verdict.denial().title());
        }
        return text.append(request(context)).toString();
    }

    /** The use context and what the client system asserted, as every decision's words end. */
    static String request(RequestContext context) {
        String asserted = context.assertions().describe();
        return "; use context " + context.purposeOfUse() + "; asserted: " + (asserted.isEmpty() ? "nothing" : asserted);
    }

    private static String basis(AccessVerdict verdict, RequestContext context, DocumentFacts document) {
        String register = document.controller();
        return switch (verdict.basis()) {
            case OWN_REGISTER -> "own register " + register;
            // the right was matched on the document's service task
            case REGISTER_ACCESS_RIGHT -> "register access right in the register of " + register + ", service task "
                    + document.serviceTask();
            case EXTENSIVE_REGISTER_ACCESS_RIGHT -> "extensive register access right in the register of " + register
                    + ", service task " + document.serviceTask();
            // the open window of the two's deployment test stood in for their agreement, for a test identity code
            case DEPLOYMENT_TEST_REGISTER_ACCESS -> "register access right deployment test window open in the register of "
                    + register + ", service task " + document.serviceTask() + ", test identity code";
            case SHARING_WITH_CONSENT -> "sharing with consent from the register of " + register;
            case BROAD_SEARCH -> "broad search with justification " + context.assertions().broadSearchJustification()
                    + " in the register of " + register;
            case STATUTORY_RIGHT -> "statutory right " + context.assertions().statutoryRightBasis()
                    + " to the register of " + register;
            default -> verdict.basis().name();
        };
    }
}

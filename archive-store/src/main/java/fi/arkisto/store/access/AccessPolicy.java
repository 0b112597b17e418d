package fi.arkisto.store.access;

/**
 * The one access decision function (DESIGN invariant 6): pure, no I/O, table-tested.
 *
 * <p>Rules implemented so far (issue 2): an organisation may use only the registers it controls
 * (seed 000: "the controller's own use"), and only with use context code {@code 1} (the service
 * organiser's own register use). A register is identified by its controller's OID (the document's
 * {@code custodian}). Later issues add register access rights and their periods, mutual-case party
 * periods, non-disclosure, consent and denial, and the citizen view.
 */
public final class AccessPolicy {

    public AccessDecision decide(RequestContext context, AccessAction action, String registerControllerOid) {
        if (!RequestContext.OWN_REGISTER_USE.equals(context.purposeOfUse())) {
            return AccessDecision.deny("purpose of use '" + context.purposeOfUse()
                    + "' is not supported; only 1 (the organiser's own register use) is");
        }
        if (registerControllerOid == null || registerControllerOid.isBlank()) {
            return AccessDecision.deny("the register's controller is unknown");
        }
        if (!context.organisation().value().equals(registerControllerOid)) {
            return AccessDecision.deny("organisation " + context.organisation() + " is not the controller of register "
                    + registerControllerOid + " and holds no access right to it");
        }
        return AccessDecision.permit("own register use by its controller " + registerControllerOid
                + " (" + action.name().toLowerCase() + ")");
    }
}

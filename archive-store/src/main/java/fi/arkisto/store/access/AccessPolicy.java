package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.request.AccessRequest;
import fi.arkisto.store.access.request.RequestKind;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.hl7.Hl7Timestamp;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The register-level question the archiving and reading services ask before they know a client's facts: may the
 * acting organisation use this register at all? An adapter over {@link AccessRules} that supplies no client facts,
 * so only the controller's own use (in an own-register use context) is allowed; register access rights, mutual
 * cases, sharing and the citizen view need the facts that {@link AccessRules#decide} takes.
 */
public final class AccessPolicy {

    private final AccessRules rules;
    private final Clock clock;

    public AccessPolicy() {
        this(new AccessRules(AccessProperties.defaults()), Clock.system(Hl7Timestamp.FINNISH_TIME));
    }

    public AccessPolicy(AccessRules rules, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AccessDecision decide(RequestContext context, AccessAction action, String registerControllerOid) {
        LocalDate today = LocalDate.now(clock);
        AccessRequest request = AccessRequests.of(context, kind(action), null, today);
        DocumentFacts register = DocumentFacts.builder().controller(registerControllerOid)
                .group(DocumentGroup.UNKNOWN).date(today).build();
        AccessVerdict verdict = rules.decide(request, register, ClientFacts.unknown(null));
        if (verdict.allowed()) {
            return AccessDecision.permit("own register use by its controller " + registerControllerOid
                    + " (" + action.name().toLowerCase() + ")");
        }
        return AccessDecision.deny(reason(verdict.denial(), context, registerControllerOid));
    }

    private static String reason(DenialReason denial, RequestContext context, String controller) {
        return switch (denial) {
            case REGISTER_CONTROLLER_UNKNOWN -> "the register's controller is unknown";
            case USE_CONTEXT_UNKNOWN, USE_CONTEXT_NOT_FOR_OWN_REGISTER -> "purpose of use '" + context.purposeOfUse()
                    + "' is not supported for the register's own use (" + denial + ")";
            default -> "organisation " + context.organisation() + " is not the controller of register " + controller
                    + " and holds no access right to it (" + denial + ": " + denial.title() + ")";
        };
    }

    private static RequestKind kind(AccessAction action) {
        return switch (action) {
            case ARCHIVE -> RequestKind.PROFESSIONAL_ARCHIVE;
            case READ -> RequestKind.PROFESSIONAL_READ;
            case LIST -> RequestKind.PROFESSIONAL_LIST;
            case NULLIFY -> RequestKind.PROFESSIONAL_NULLIFY;
        };
    }
}

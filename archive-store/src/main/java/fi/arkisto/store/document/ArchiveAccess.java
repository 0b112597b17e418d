package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessAction;
import fi.arkisto.store.access.AccessDecision;
import fi.arkisto.store.access.AccessPolicy;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.util.Optional;

/**
 * The access decisions of archiving (docs/access.md): an organisation archives into its own register only, and
 * replaces only a version of its own register.
 */
final class ArchiveAccess {

    private final AccessPolicy policy;

    ArchiveAccess(AccessPolicy policy) {
        this.policy = policy;
    }

    /** The refusal to archive into the register of {@code controllerOid}, if {@code context} may not. */
    Optional<ArchiveException> refusalToArchive(RequestContext context, String controllerOid) {
        AccessDecision decision = policy.decide(context, AccessAction.ARCHIVE, controllerOid);
        return decision.permitted() ? Optional.empty()
                : Optional.of(new ArchiveException(ErrorCode.ACCESS_DENIED, decision.reason()));
    }

    /** {@link VersionPlanner#plan}, and a replacement only of a version the acting organisation may archive over. */
    VersionPlan plan(SetHead head, DocumentMetadata metadata, RequestContext context) {
        VersionPlan plan = VersionPlanner.plan(head, metadata);
        if (plan instanceof VersionPlan.Replaces replaces) {
            AccessDecision decision = policy.decide(context, AccessAction.ARCHIVE, replaces.head().controller());
            if (!decision.permitted()) {
                return new VersionPlan.Refused(new ArchiveException(ErrorCode.ACCESS_DENIED,
                        "The version to replace is in another register: " + decision.reason()));
            }
        }
        return plan;
    }
}

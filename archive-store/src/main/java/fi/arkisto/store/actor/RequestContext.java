package fi.arkisto.store.actor;

import fi.arkisto.store.hl7.KantaCodeSystems;
import fi.arkisto.store.identity.Oid;

import java.util.Objects;

/**
 * Who is acting and why: the acting organisation, the professional (or system user), the
 * use context code ({@code 1.2.246.537.6.1289.201901}; {@code 1} = the service organiser's own
 * register use) and what the client system asserts with the request ({@link RequestAssertions}). Every read and
 * write is decided and audited against one of these.
 */
public record RequestContext(Oid organisation, String userId, String purposeOfUse, RequestAssertions assertions) {

    /** Use context code 1: the service organiser's own use of its register. */
    public static final String OWN_REGISTER_USE = "1";
    public static final String PURPOSE_CODE_SYSTEM = KantaCodeSystems.USE_CONTEXT;

    public RequestContext {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purposeOfUse, "purposeOfUse");
        if (assertions == null) {
            assertions = RequestAssertions.NONE;
        }
    }

    /** A context that asserts nothing beyond who acts and why (system users, processes, most requests). */
    public RequestContext(Oid organisation, String userId, String purposeOfUse) {
        this(organisation, userId, purposeOfUse, RequestAssertions.NONE);
    }
}

package fi.arkisto.store.actor;

import fi.arkisto.store.hl7.KantaCodeSystems;
import fi.arkisto.store.identity.Oid;

import java.util.Objects;

/**
 * Who is acting and why: the acting organisation, the professional (or system user) and the
 * use context code ({@code 1.2.246.537.6.1289.201901}; {@code 1} = the service organiser's own
 * register use). Every read and write is decided and audited against one of these.
 */
public record RequestContext(Oid organisation, String userId, String purposeOfUse) {

    /** Use context code 1: the service organiser's own use of its register. */
    public static final String OWN_REGISTER_USE = "1";
    public static final String PURPOSE_CODE_SYSTEM = KantaCodeSystems.USE_CONTEXT;

    public RequestContext {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purposeOfUse, "purposeOfUse");
    }
}

package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;

/**
 * How a citizen's own reads (MyKanta; docs/access.md, "The citizen API") are audited: the citizen acts for no
 * organisation, so the event's organisation is the code system of the personal identity code ({@value
 * PersonalIdentityCode#CODE_SYSTEM}: a person, identified by the code in the user column), and its purpose of use is
 * {@value #CITIZEN_OWN_USE}, which no professional's use context code (digits only) can be.
 */
public final class CitizenReads {

    /** The purpose of use of a citizen's own read in the audit trail. */
    public static final String CITIZEN_OWN_USE = "CITIZEN_OWN";
    /** The purpose of use of a guardian's read of a minor's documents, on the minor's behalf. */
    public static final String GUARDIAN_USE = "CITIZEN_GUARDIAN";

    private CitizenReads() {
    }

    /** The audit context of the citizen's own read. */
    public static RequestContext context(PersonalIdentityCode citizen) {
        return new RequestContext(Oid.of(PersonalIdentityCode.CODE_SYSTEM), citizen.value(), CITIZEN_OWN_USE);
    }

    /** The audit context of a guardian's read on a minor's behalf: the guardian in the user column. */
    public static RequestContext guardianContext(PersonalIdentityCode guardian) {
        return new RequestContext(Oid.of(PersonalIdentityCode.CODE_SYSTEM), guardian.value(), GUARDIAN_USE);
    }
}

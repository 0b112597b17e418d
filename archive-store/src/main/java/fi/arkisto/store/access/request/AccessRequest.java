package fi.arkisto.store.access.request;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One request to be decided: who asks, for what, in which use context, on which day.
 *
 * @param kind                     professional operation or citizen view
 * @param actingOrganisation       OID of the organisation the professional acts for; null for a citizen
 * @param userId                   the professional's (or system user's) identifier, or the citizen's personal identity code
 * @param subjectClient            the client the request is about (a list by client, a citizen's own or a minor's
 *                                 documents); null for a professional's read by document identifier. For a citizen
 *                                 null means the citizen themself.
 * @param useContext               code of 1.2.246.537.6.1289.201901 (käyttötilanne); ignored for citizens
 * @param broadSearchJustification code of 1.2.246.537.6.1299 (laajan tiedonhaun peruste), or null
 * @param rights                   what the client information system asserts about the professional
 * @param on                       the day of the request in Finnish time; periods and validities are whole days
 */
public record AccessRequest(RequestKind kind, String actingOrganisation, String userId, String subjectClient,
                            String useContext, String broadSearchJustification, AssertedRights rights, LocalDate on) {

    public AccessRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(on, "on");
        if (rights == null) {
            rights = AssertedRights.NONE;
        }
        if (broadSearchJustification != null && broadSearchJustification.isBlank()) {
            broadSearchJustification = null;
        }
    }

    public static AccessRequest professional(RequestKind kind, String actingOrganisation, String userId,
                                             String subjectClient, String useContext, LocalDate on) {
        return new AccessRequest(kind, actingOrganisation, userId, subjectClient, useContext, null,
                AssertedRights.NONE, on);
    }

    public static AccessRequest citizen(RequestKind kind, String citizen, String subjectClient, LocalDate on) {
        return new AccessRequest(kind, null, citizen, subjectClient == null ? citizen : subjectClient, null, null,
                AssertedRights.NONE, on);
    }

    /** The client whose documents a citizen views: themself, or the minor a guardian acts for. */
    public String citizenSubject() {
        return subjectClient != null ? subjectClient : userId;
    }

    /** A citizen acting for someone else (a guardian for a minor). */
    public boolean onBehalfOfAnother() {
        return !kind.professional() && subjectClient != null && !subjectClient.equals(userId);
    }
}

package fi.arkisto.app.api.document;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.PersonalIdentityCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/**
 * Whom a citizen acts for (docs/access.md, "A guardian on a minor's behalf"): the guardianship of a minor comes from
 * the population register, and the archive has no connection of its own to it; the citizen's token issuer vouches for
 * it, as Suomi.fi e-Authorizations does for acting on a minor's behalf, in a configured claim listing the minors'
 * personal identity codes. A citizen whose token names the minor reads as the minor's guardian; any other is refused
 * before anything is read.
 */
final class GuardianOf {

    private final String claim;

    /** @param claim {@code arkisto.citizen.guardian-of-claim}, or null: the citizen acts for nobody else */
    GuardianOf(String claim) {
        this.claim = claim;
    }

    /**
     * @param onBehalfOf the personal identity code the citizen asks to act for, or null/blank for themself
     * @return the minor to read for, or null for the citizen's own documents
     * @throws ArchiveException INVALID_IDENTITY_CODE for a malformed code, GUARDIANSHIP_NOT_ASSERTED when the token
     *                          does not name it among the citizen's minors (or no claim is configured)
     */
    PersonalIdentityCode minor(Authentication citizen, String onBehalfOf) {
        if (onBehalfOf == null || onBehalfOf.isBlank()) {
            return null;
        }
        PersonalIdentityCode minor = PersonalIdentityCode.of(onBehalfOf.strip());
        if (minor.value().equals(citizen.getName())) {
            return null;
        }
        List<String> vouched = claim != null && citizen instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaimAsStringList(claim) : null;
        if (vouched == null || !vouched.contains(minor.value())) {
            throw new ArchiveException(ErrorCode.GUARDIANSHIP_NOT_ASSERTED, "The token does not vouch that the citizen"
                    + " is a guardian of the person asked for" + (claim == null
                    ? " (no claim is configured: arkisto.citizen.guardian-of-claim)" : " (claim " + claim + ")"));
        }
        return minor;
    }
}

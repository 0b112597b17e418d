package fi.arkisto.store.cda;

import javax.security.auth.x500.X500Principal;
import java.util.Map;

/**
 * The one textual form of certificate names the archive records (signature summaries, signature
 * evidence): RFC 2253, with the attribute types Finnish certificates use spelled out instead of
 * hex-encoded, so the organisation OID that system-signature certificates carry in
 * {@code serialNumber} (e.g. {@code SERIALNUMBER=1.2.246.10.32213561.10.0}) stays readable and
 * searchable.
 */
public final class DistinguishedNames {

    private static final Map<String, String> KEYWORDS = Map.of(
            "2.5.4.5", "SERIALNUMBER",
            "2.5.4.4", "SURNAME",
            "2.5.4.42", "GIVENNAME",
            "2.5.4.12", "TITLE",
            "2.5.4.97", "ORGANIZATIONIDENTIFIER",
            "1.2.840.113549.1.9.1", "EMAILADDRESS");

    private DistinguishedNames() {
    }

    public static String of(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253, KEYWORDS);
    }
}

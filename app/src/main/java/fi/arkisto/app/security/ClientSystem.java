package fi.arkisto.app.security;

import fi.arkisto.store.identity.Oid;

import java.util.Set;

/**
 * A client information system authenticated by its TLS client certificate. The organisation it acts for is the one
 * its certificate names (subject serialNumber = organisation OID, as DVV's service certificates for social welfare and
 * health care carry it, e.g. {@code SERIALNUMBER=1.2.246.10.32213561.10.0} in the real Kanta sample), plus the
 * organisations {@code arkisto.security.client-certificates.systems} lets that organisation's systems act for; no
 * request header can add to them.
 *
 * @param organisation the organisation of the certificate
 * @param commonName   the system's name in the certificate (subject CN), or its subject when it has none
 * @param serialNumber the certificate's serial number, hexadecimal
 * @param actsFor      every organisation it may act for, its own included
 * @param auditor      whether it may read the audit verification
 */
public record ClientSystem(Oid organisation, String commonName, String serialNumber, Set<Oid> actsFor, boolean auditor) {

    public ClientSystem {
        actsFor = Set.copyOf(actsFor);
    }

    public boolean mayActFor(Oid other) {
        return actsFor.contains(other);
    }

    /** How the system is named in audit events and logs: {@code <CN>@<organisation OID>}. */
    public String name() {
        return commonName + "@" + organisation.value();
    }
}

package fi.arkisto.store.accesslog;

import java.time.Instant;

/**
 * One use or disclosure of the client's data in the controller's registers, as the audit log recorded it (Act
 * 703/2023 s. 11: who used the data, to whom it was disclosed and on what basis; docs/access.md, "Log extracts").
 *
 * @param organisation     the organisation that acted (the controller itself, its provider, another controller)
 * @param professional     the professional's identifier as the client system gave it
 * @param useContext       the use context code (1.2.246.537.6.1289.201901) the request named
 * @param operation        what was done ({@code fi.arkisto.store.audit.AuditOperation}'s name)
 * @param documentOid      the document, or null for a use of no single document (a listing, a consent record)
 * @param register         the register the document is in (its controller), or null with no document
 * @param basis            the access decision's basis ({@code AccessBasis} name; a listing's bases comma-joined), or
 *                         null when the event records none (the controller's own records of the client)
 * @param basisDescription what the basis rests on, in the decision's words (the register, the service task, the
 *                         justification), or null
 * @param asserted         what the client system asserted for the professional, or null
 * @param mutualCase       the mutual case through which the document, another client's, pertains to the client (its
 *                         {@code componentOf/encompassingEncounter/id}; docs/access.md, "Mutual cases"), or null for
 *                         the client's own data
 */
public record AccessLogEntry(Instant occurredAt, String organisation, String professional, String useContext,
                             String operation, String documentOid, String register, AccessLogKind kind, String basis,
                             String basisDescription, String asserted, String mutualCase) {
}

package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.facts.RestrictionKind;

/**
 * Access facts of a CDA header that the parser's metadata does not carry.
 *
 * @param restriction              a restriction on showing the document to the client
 * @param inaccessibleCode         {@code hl7fi:inaccessibleArgument@code} (1.2.246.537.6.1288.201901), or null
 * @param authorizationRestriction {@code hl7fi:authorizationRestrictionArgument} text, or null
 * @param minorDisclosureCode      {@code authorization/consent/code@code} of 1.2.246.537.6.1286.201901, or null
 * @param authorOrganisation       {@code author/assignedAuthor/representedOrganization/id@root}, or null
 */
public record HeaderFacts(RestrictionKind restriction, String inaccessibleCode, String authorizationRestriction,
                          String minorDisclosureCode, String authorOrganisation) {
}

/**
 * HL7 v3 as Kanta documents and message frames carry it, in one place: the namespaces ({@link Hl7Namespaces}), the
 * Kanta code systems the archive reads ({@link KantaCodeSystems}), navigation of a namespace-aware DOM by element
 * ({@link Hl7Elements}) and the one rule for TS timestamps ({@link Hl7Timestamp}, docs/invariants.md, "HL7
 * timestamps"). Every reader of a CDA header, a message frame, a signature collection or a structure builds on it;
 * it depends on nothing of the archive but the error codes and identity-code masking.
 */
package fi.arkisto.store.hl7;

package fi.arkisto.testkit.generator;

/**
 * One generated document version and the facts a test or the manifest needs about it, so nobody has to parse the XML
 * back to learn what was generated.
 *
 * @param sequence             1-based position in archiving order (replacements come after their originals)
 * @param replacesDocumentOid  the version this one replaces (relatedDocument RPLC), or null
 * @param caseId               the encompassingEncounter id shared by the documents of one case, or null
 * @param contentSpecificationId the structure of the JSON structured form, or null for unstructured (old) documents
 * @param effectiveDay         the document's day (its effectiveTime in Finnish time)
 * @param restriction          {@code INACCESSIBLE} or {@code AUTHORIZATION_RESTRICTION} when a professional restricted
 *                             showing this version to the client, else null
 * @param parties              a mutual case topic document's parties with their periods; empty for other documents
 * @param nonDisclosure        the client is under non-disclosure for safety reasons
 * @param locationData         the structured form carries the client's location data (home town)
 */
public record GeneratedDocument(long sequence, String documentOid, String setId, int versionNumber,
                                String replacesDocumentOid, String clientId, String controllerOid, String serviceUnitOid,
                                String documentGroup, String generalDocumentType, String serviceTask,
                                String contentSpecificationId, String caseId, String clientRelationshipId,
                                byte[] xml, java.time.LocalDate effectiveDay, String restriction,
                                java.util.List<Party> parties, boolean nonDisclosure, boolean locationData) {

    /** A party of a mutual case: its first day and, once it has left, its last day (else null). */
    public record Party(String clientId, java.time.LocalDate from, java.time.LocalDate to) {
    }

    public GeneratedDocument {
        parties = parties == null ? java.util.List.of() : java.util.List.copyOf(parties);
    }

    /** The file name in the output directory: a zero-padded sequence keeps listing order = archiving order. */
    public String fileName() {
        return String.format("%08d-%s.xml", sequence, documentOid);
    }
}

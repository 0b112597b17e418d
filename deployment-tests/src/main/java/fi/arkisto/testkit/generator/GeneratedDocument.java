package fi.arkisto.testkit.generator;

/**
 * One generated document version and the facts a test or the manifest needs about it, so nobody has to parse the XML
 * back to learn what was generated.
 *
 * @param sequence             1-based position in archiving order (replacements come after their originals)
 * @param replacesDocumentOid  the version this one replaces (relatedDocument RPLC), or null
 * @param caseId               the encompassingEncounter id shared by the documents of one case, or null
 * @param contentSpecificationId the structure of the JSON structured form, or null for unstructured (old) documents
 */
public record GeneratedDocument(long sequence, String documentOid, String setId, int versionNumber,
                                String replacesDocumentOid, String clientId, String controllerOid, String serviceUnitOid,
                                String documentGroup, String generalDocumentType, String serviceTask,
                                String contentSpecificationId, String caseId, String clientRelationshipId,
                                byte[] xml) {

    /** The file name in the output directory: a zero-padded sequence keeps listing order = archiving order. */
    public String fileName() {
        return String.format("%08d-%s.xml", sequence, documentOid);
    }
}

package fi.arkisto.store.document;

/**
 * The register a document version is in now, as SQL over {@code archive.controller_assignment} (docs/access.md,
 * "Controller change"): the new controller of the latest completed controller change that assigned it, else the
 * controller it was archived under. A change not completed, or abandoned, never takes effect: its assignments are not
 * read. One lookup by the assignment's primary key (its leading column, the document) and one by the change's.
 */
public final class AssignedRegister {

    private AssignedRegister() {
    }

    /** The assigned controller of the version aliased {@code version}, or NULL when no completed change moved it. */
    public static String assignedController(String version) {
        return "(SELECT a.new_controller_oid FROM archive.controller_assignment a"
                + " JOIN archive.controller_change x ON x.id = a.change_id AND x.completed_at IS NOT NULL"
                + " WHERE a.document_oid = " + version + ".document_oid ORDER BY x.completed_at DESC LIMIT 1)";
    }

    /** The controller of the register the version aliased {@code version} is in now. */
    public static String currentController(String version) {
        return "coalesce(" + assignedController(version) + ", " + version + ".controller_oid)";
    }
}

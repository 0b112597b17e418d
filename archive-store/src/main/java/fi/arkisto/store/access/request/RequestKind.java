package fi.arkisto.store.access.request;

/** What is being asked: a professional's operation through a client information system, or a citizen's view. */
public enum RequestKind {
    /** Read one document (metadata, original, display form) by its identifier. */
    PROFESSIONAL_READ(true, false),
    /** List a client's documents in the registers the acting organisation controls or holds a register access right to. */
    PROFESSIONAL_LIST(true, false),
    /** Search a client's documents across controllers (sharing). */
    PROFESSIONAL_SEARCH(true, false),
    /** Store a new document or version into a register. */
    PROFESSIONAL_ARCHIVE(true, true),
    /** Declare a document void. */
    PROFESSIONAL_NULLIFY(true, true),
    /** A citizen reading one of their documents (MyKanta). */
    CITIZEN_READ(false, false),
    /** A citizen listing their documents (MyKanta). */
    CITIZEN_LIST(false, false);

    private final boolean professional;
    private final boolean write;

    RequestKind(boolean professional, boolean write) {
        this.professional = professional;
        this.write = write;
    }

    public boolean professional() {
        return professional;
    }

    /** Archiving or nullifying: the request changes a register. */
    public boolean write() {
        return write;
    }
}

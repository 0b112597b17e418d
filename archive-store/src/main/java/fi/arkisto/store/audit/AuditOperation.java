package fi.arkisto.store.audit;

/** What was done with client data (invariant 5 (docs/invariants.md): "what"). Stored by name; never renamed. */
public enum AuditOperation {
    ARCHIVE, READ_CONTENT, READ_METADATA, READ_DISPLAY, LIST_CLIENT_DOCUMENTS, NULLIFY,
    /** The client's informing, consent and denial records (docs/access.md, "Records of informing, consent and denial"). */
    RECORD_INFORMING, WITHDRAW_INFORMING, READ_INFORMING,
    RECORD_CONSENT, WITHDRAW_CONSENT, READ_CONSENTS,
    RECORD_DENIAL, WITHDRAW_DENIAL, READ_DENIALS,
    /** Register access agreements between an organiser and a provider (docs/access.md, "Register access agreements"). */
    CREATE_ACCESS_AGREEMENT, END_ACCESS_AGREEMENT, READ_ACCESS_AGREEMENTS,
    /** A controller's log extract of a client (docs/access.md, "Log extracts"): reading the log is itself a use. */
    READ_ACCESS_LOG,
    /** Controller changes (docs/access.md, "Controller change"): the request, each chunk of assignments, the pause and
     * resumption of archiving into the scope, the completion from which the new controller's use begins, reads, and
     * an operator's abandonment of a change whose run failed (it never takes effect). */
    CONTROLLER_CHANGE_REQUEST, CONTROLLER_CHANGE_ASSIGN, CONTROLLER_CHANGE_PAUSE, CONTROLLER_CHANGE_RESUME,
    CONTROLLER_CHANGE_COMPLETE, READ_CONTROLLER_CHANGE, CONTROLLER_CHANGE_ABANDON
}

package fi.arkisto.store.document;

/**
 * Which registers a client document list covers (docs/access.md, "A client's document list").
 */
public enum ClientDocumentsScope {
    /**
     * The registers the acting organisation may use: its own (in an own-register use context) and those of the
     * organisers under whose register access right over the client it serves today (in a register-access use
     * context).
     */
    REGISTERS,
    /**
     * Every other controller's register, in a sharing use context: sharing to another controller (informing, consent,
     * the organisation's own active client relationship, denials, broad search).
     */
    ALL_CONTROLLERS
}

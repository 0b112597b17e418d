package fi.arkisto.store.accesslog;

/** Whether an entry of a log extract is a use of the data or a disclosure to another controller (Act 703/2023 s. 11). */
public enum AccessLogKind {
    /** Processing by the controller itself or by its provider under a register access right (on its behalf). */
    USE,
    /** Another controller retrieved the data from the register: sharing, broad search or a statutory right. */
    DISCLOSURE
}

package fi.arkisto.store.accessrecords;

import fi.arkisto.store.audit.AuditOperation;

/**
 * The three kinds of records professionals keep of a client's will on sharing (kanta.fi, "Functionalities of the
 * Client Data Repository for Social Welfare Services": the client is informed about the archive; professionals "can
 * save and modify consent to data sharing or denials of consent to data sharing for social welfare data").
 */
public enum SharingRecordKind {
    /** The client was informed about the archive (informointi); withdrawn only when recorded in error. */
    INFORMING(AuditOperation.RECORD_INFORMING, AuditOperation.WITHDRAW_INFORMING, AuditOperation.READ_INFORMING),
    /** The client's consent to disclosing social welfare data to other controllers (suostumus). */
    CONSENT(AuditOperation.RECORD_CONSENT, AuditOperation.WITHDRAW_CONSENT, AuditOperation.READ_CONSENTS),
    /** A denial of disclosure of a document, a service task or a controller (luovutuskielto). */
    DENIAL(AuditOperation.RECORD_DENIAL, AuditOperation.WITHDRAW_DENIAL, AuditOperation.READ_DENIALS);

    private final AuditOperation recording;
    private final AuditOperation withdrawal;
    private final AuditOperation reading;

    SharingRecordKind(AuditOperation recording, AuditOperation withdrawal, AuditOperation reading) {
        this.recording = recording;
        this.withdrawal = withdrawal;
        this.reading = reading;
    }

    AuditOperation recording() {
        return recording;
    }

    AuditOperation withdrawal() {
        return withdrawal;
    }

    AuditOperation reading() {
        return reading;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

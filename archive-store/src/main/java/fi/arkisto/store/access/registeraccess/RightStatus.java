package fi.arkisto.store.access.registeraccess;

/** Whether a provider's register access right over a client and service task is in effect on a day, and if not why. */
public enum RightStatus {
    IN_EFFECT,
    IN_EFFECT_EXTENSIVE,
    /** No client relationship document of the organiser names a unit of the provider for the client. */
    NO_PROVIDER_PERIOD,
    /** The provider's periods cover other service tasks only. */
    OTHER_SERVICE_TASK,
    NOT_STARTED,
    ENDED,
    AGREEMENT_MISSING,
    /** An agreement between the two is in effect, but for other service tasks only. */
    AGREEMENT_OTHER_SERVICE_TASK,
    AGREEMENT_ENDED;

    public boolean inEffect() {
        return this == IN_EFFECT || this == IN_EFFECT_EXTENSIVE;
    }

    /** The provider's period for the client and service task contains the day; only the agreement is not in effect. */
    public boolean onlyAgreementLacking() {
        return this == AGREEMENT_MISSING || this == AGREEMENT_OTHER_SERVICE_TASK || this == AGREEMENT_ENDED;
    }
}

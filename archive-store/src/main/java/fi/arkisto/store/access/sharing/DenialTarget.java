package fi.arkisto.store.access.sharing;

/**
 * What a denial of disclosure names (kanta.fi, "Sosiaalipalvelujen asiakastietojen luovutuskielto": "a single
 * document, a service task such as working-age or family services, or a particular controller such as a wellbeing
 * services county").
 */
public enum DenialTarget {
    /** One document set ({@code setId}): every version of it. */
    DOCUMENT,
    /** A service task, code of 1.2.246.537.6.1221.201601. */
    SERVICE_TASK,
    /** A whole controller's register, by organisation OID. */
    CONTROLLER
}

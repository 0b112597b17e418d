package fi.arkisto.testkit.generator;

import fi.arkisto.store.hl7.KantaCodeSystems;

import java.util.List;

/**
 * The code values the generator writes. Code systems are the real Kanta ones. Values that appear in the
 * real sample are real (service task 24 "Lapsiperheiden palvelut", document group 1 "Asiakkuusasiakirja", structure
 * {@value #CLIENT_RELATIONSHIP_STRUCTURE}); the other service task codes, document type codes and the structures
 * under {@code 1.2.246.537.6.1505.9.2026} are synthetic stand-ins for the THL/Sosmeta publications, chosen so that the
 * archive's structure catalogue ships a JSON Schema for each of them.
 */
public final class GeneratorCodes {

    public static final String SERVICE_TASK_SYSTEM = KantaCodeSystems.SERVICE_TASK;
    public static final String DOCUMENT_GROUP_SYSTEM = KantaCodeSystems.DOCUMENT_GROUP;
    public static final String DOCUMENT_TYPE_SYSTEM = KantaCodeSystems.DOCUMENT_TYPE;

    /** The structure of the real sample: the client relationship document (asiakkuusasiakirja). */
    public static final String CLIENT_RELATIONSHIP_STRUCTURE = "1.2.246.537.6.1505.1.2023.6.1";
    /** Synthetic structure of a decision (päätös), a case document. */
    public static final String DECISION_STRUCTURE = "1.2.246.537.6.1505.9.2026.1.1";
    /** Synthetic structure of a statement (lausunto), a case document. */
    public static final String STATEMENT_STRUCTURE = "1.2.246.537.6.1505.9.2026.2.1";
    /** Synthetic structure of a client plan (asiakassuunnitelma), a case document. */
    public static final String PLAN_STRUCTURE = "1.2.246.537.6.1505.9.2026.3.1";
    /** Synthetic structure of a client report (asiakaskertomus), another client document. */
    public static final String CLIENT_REPORT_STRUCTURE = "1.2.246.537.6.1505.9.2026.4.1";
    /**
     * The archive's synthetic structure of a mutual case's topic document (yhteisen asian tiedot, docs/access.md,
     * "Mutual cases"): the case and its parties with their periods.
     */
    public static final String MUTUAL_CASE_STRUCTURE = "1.2.246.537.6.1505.9.2026.5.1";

    /** Every structure the generator writes; the archive's catalogue must know each one. */
    public static final List<String> STRUCTURES = List.of(CLIENT_RELATIONSHIP_STRUCTURE, DECISION_STRUCTURE,
            STATEMENT_STRUCTURE, PLAN_STRUCTURE, CLIENT_REPORT_STRUCTURE, MUTUAL_CASE_STRUCTURE);

    /** Document groups (code system {@value #DOCUMENT_GROUP_SYSTEM}). */
    public enum DocumentGroup {
        CLIENT_RELATIONSHIP("1", "Asiakkuusasiakirja"),
        CASE("2", "Asiaan liittyvä asiakirja"),
        OTHER("3", "Muu asiakasasiakirja"),
        OLD("4", "Vanha asiakirja");

        final String code;
        final String display;

        DocumentGroup(String code, String display) {
            this.code = code;
            this.display = display;
        }

        public String code() {
            return code;
        }
    }

    /**
     * General document types (code system {@value #DOCUMENT_TYPE_SYSTEM}) with the structure each one is written in.
     * Decisions and statements need a professional's signature (kanta.fi, "Phase 2 functionalities in social welfare services").
     */
    public enum DocumentType {
        /** The client relationship document has no general type: its header code is nullFlavor NA, as in the sample. */
        CLIENT_RELATIONSHIP(null, "Asiakkuusasiakirja", CLIENT_RELATIONSHIP_STRUCTURE, "asiakkuusasiakirja", false),
        DECISION("1", "Päätös", DECISION_STRUCTURE, "paatos", true),
        STATEMENT("2", "Lausunto", STATEMENT_STRUCTURE, "lausunto", true),
        PLAN("3", "Asiakassuunnitelma", PLAN_STRUCTURE, "asiakassuunnitelma", false),
        CLIENT_REPORT("4", "Asiakaskertomus", CLIENT_REPORT_STRUCTURE, "asiakaskertomus", false),
        /** Synthetic code: the topic document of a mutual case, a case document naming the case's parties. */
        MUTUAL_CASE_TOPIC("5", "Yhteisen asian tiedot", MUTUAL_CASE_STRUCTURE, "yhteinen_asia", false),
        OLD_DOCUMENT("9", "Vanha asiakirja", null, null, false);

        final String code;
        final String display;
        final String structure;
        final String jsonRoot;
        final boolean professionalSignatureRequired;

        DocumentType(String code, String display, String structure, String jsonRoot, boolean professionalSignatureRequired) {
            this.code = code;
            this.display = display;
            this.structure = structure;
            this.jsonRoot = jsonRoot;
            this.professionalSignatureRequired = professionalSignatureRequired;
        }

        public String code() {
            return code;
        }

        public boolean professionalSignatureRequired() {
            return professionalSignatureRequired;
        }
    }

    /** A service task (palvelutehtävä) with the name of the service unit that carries it out. */
    record ServiceTask(String code, String display, String unitName, String socialService, String socialServiceDisplay) {
    }

    static final List<ServiceTask> SERVICE_TASKS = List.of(
            new ServiceTask("24", "Lapsiperheiden palvelut", "Lapsiperheiden palvelutarpeen arviointi", "15",
                    "Kasvatus- ja perheneuvonta"),
            new ServiceTask("25", "Lastensuojelu", "Lastensuojelun avohuolto", "21", "Lastensuojelun avohuolto"),
            new ServiceTask("22", "Aikuisten sosiaalipalvelut", "Aikuissosiaalityö", "02", "Sosiaalityö"),
            new ServiceTask("27", "Ikääntyneiden palvelut", "Kotihoito ja asiakasohjaus", "31", "Kotihoito"),
            new ServiceTask("28", "Vammaispalvelut", "Vammaispalvelujen sosiaalityö", "41", "Henkilökohtainen apu"),
            new ServiceTask("23", "Päihdehuolto", "Päihdepalvelujen avopalvelut", "51", "Päihdehuollon avopalvelu"));

    private GeneratorCodes() {
    }
}

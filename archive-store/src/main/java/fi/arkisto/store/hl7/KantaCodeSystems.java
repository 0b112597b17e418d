package fi.arkisto.store.hl7;

/**
 * The OIDs of the Kanta code systems the archive reads from headers and frames (Kanta's code server, koodistopalvelu);
 * each is written once here and named by every reader and writer.
 */
public final class KantaCodeSystems {

    /** {@code hl7fi:functionCode}: the service task. */
    public static final String SERVICE_TASK = "1.2.246.537.6.1221.201601";
    /** {@code hl7fi:documentGroup}: the document group (Sosiaalihuolto - Asiakirjaryhmä). */
    public static final String DOCUMENT_GROUP = "1.2.246.537.6.1505.201601";
    /** {@code code}: the general document type. */
    public static final String DOCUMENT_TYPE = "1.2.246.537.6.1506.201701";
    /** {@code hl7fi:signatureDescription}: the signature type (KanTa-palvelut - Sähköisen allekirjoituksen tyyppi), 1 = professional, 3 = system. */
    public static final String SIGNATURE_TYPE = "1.2.246.537.5.40127.2006";
    /** The use context of a request (Sosiaalihuolto - Asiakastiedon arkiston käyttötilanne), 1 = own register use. */
    public static final String USE_CONTEXT = "1.2.246.537.6.1289.201901";
    /** The frame's service request (Sosiaalihuolto - Arkistosanomien palvelupyynnöt). */
    public static final String SERVICE_REQUEST = "1.2.246.537.6.1503.201601";
    /** {@code authorization/consent/code}: a minor's will on disclosure to the guardians. */
    public static final String MINOR_DISCLOSURE = "1.2.246.537.6.1286.201901";
    /** {@code hl7fi:inaccessibleArgument}: why a document is not shown to the client. */
    public static final String INACCESSIBLE = "1.2.246.537.6.1288.201901";

    private KantaCodeSystems() {
    }
}

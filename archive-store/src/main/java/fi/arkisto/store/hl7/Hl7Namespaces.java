package fi.arkisto.store.hl7;

/** The XML namespaces of Kanta CDA R2 documents and HL7 v3 message frames; elements are matched by these, never by prefix. */
public final class Hl7Namespaces {

    /** HL7 v3: the CDA R2 header and body, and the message frame. */
    public static final String V3 = "urn:hl7-org:v3";
    /** The Finnish local extensions ({@code hl7fi:}): the local social header, the signature collection, the JSON body. */
    public static final String FINLAND = "urn:hl7finland";
    /** XML Signature, the {@code ds:Signature} inside each {@code hl7fi:signature}. */
    public static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

    private Hl7Namespaces() {
    }
}

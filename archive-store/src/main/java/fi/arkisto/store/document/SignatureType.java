package fi.arkisto.store.document;

/**
 * Signature types of code system {@code 1.2.246.537.5.40127.2006}: 1 = a professional's
 * electronic signature, 3 = a system signature. Decisions and statements need PROFESSIONAL
 * (kanta.fi, "Phase 2 functionalities in social welfare services", "Electronic signature of professionals").
 */
public enum SignatureType {
    PROFESSIONAL("1"), SYSTEM("3");

    private final String code;

    SignatureType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SignatureType fromCode(String code) {
        for (SignatureType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        return null;
    }
}

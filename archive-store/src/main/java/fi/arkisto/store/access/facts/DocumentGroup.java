package fi.arkisto.store.access.facts;

/** The document group ({@code hl7fi:documentGroup}, code system 1.2.246.537.6.1505.201601). */
public enum DocumentGroup {
    /** 1 Asiakkuusasiakirja: opened per client and service task by the organiser. */
    CLIENT_RELATIONSHIP("1"),
    /** 2 Asiaan liittyvä asiakirja: attached to a case. */
    CASE("2"),
    /** 3 Muu asiakasasiakirja. */
    OTHER("3"),
    /** 4 Vanha asiakirja: produced before the organisation joined the archive. */
    OLD("4"),
    /** No or an unknown code. */
    UNKNOWN(null);

    private final String code;

    DocumentGroup(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static DocumentGroup ofCode(String code) {
        if (code != null) {
            for (DocumentGroup group : values()) {
                if (code.equals(group.code)) {
                    return group;
                }
            }
        }
        return UNKNOWN;
    }
}

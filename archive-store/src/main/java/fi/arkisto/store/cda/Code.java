package fi.arkisto.store.cda;

/** A coded value as it appears in a Kanta header: code, its code system OID and display name. */
public record Code(String code, String codeSystem, String displayName) {

    public static Code of(String code, String codeSystem) {
        return new Code(code, codeSystem, null);
    }
}

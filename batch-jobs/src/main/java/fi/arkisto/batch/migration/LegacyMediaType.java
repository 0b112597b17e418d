package fi.arkisto.batch.migration;

import java.util.Arrays;
import java.util.Optional;

/**
 * The file kinds a legacy package may hold (docs/legacy-package.md) and how each becomes the archived document:
 * XHTML is the display form as it is; plain text is escaped into an XHTML display form; a PDF becomes a
 * {@code nonXMLBody} with media type {@code application/pdf}; a Kanta CDA document is archived as it is.
 */
public enum LegacyMediaType {
    PDF("application/pdf"),
    TEXT("text/plain"),
    XHTML("application/xhtml+xml"),
    KANTA_CDA("application/x-kanta-cda+xml");

    private final String mimeType;

    LegacyMediaType(String mimeType) {
        this.mimeType = mimeType;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Media type parameters (e.g. {@code ; charset=UTF-8}) are allowed; the type itself is compared case-insensitively. */
    public static Optional<LegacyMediaType> of(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        int semicolon = declared.indexOf(';');
        String type = (semicolon >= 0 ? declared.substring(0, semicolon) : declared).strip();
        return Arrays.stream(values()).filter(t -> t.mimeType.equalsIgnoreCase(type)).findFirst();
    }
}

package fi.arkisto.store.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text (the display form as a reader sees it) identifies a given client, and whether it identifies anyone
 * by an identity code at all (docs/trust.md, "The client the signed content names").
 * <p>A personal identity code counts when it appears in full (a valid code, the century sign included: it is part of
 * the identity) or masked the way display forms show it, the birth-date part followed by the masked rest
 * ({@code 200111*****} as in the real Kanta sample, or {@code 200111A****} with the century sign shown). A masked code
 * identifies only a birth date, so it agrees with every client born that day: the display form can say no more.
 * A client identified by another identifier (a temporary identification, its own root) counts when that identifier
 * appears as a word of its own.
 */
public final class ClientInText {

    /** What a text says about identities. */
    public record Finding(boolean showsClient, boolean namesSomeone) {
    }

    private static final String EDGE_BEFORE = "(?<![0-9A-Za-z*])";
    private static final String EDGE_AFTER = "(?![0-9A-Za-z*])";
    private static final Pattern FULL = Pattern.compile(EDGE_BEFORE + "\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]" + EDGE_AFTER);
    private static final Pattern MASKED = Pattern.compile(EDGE_BEFORE + "(\\d{6})(?:([-+A-FU-Y])\\*{4}|\\*{5})" + EDGE_AFTER);

    private ClientInText() {
    }

    /**
     * @param text         the text to read
     * @param clientId     the client's identifier ({@code recordTarget/patientRole/id@extension})
     * @param clientIdRoot its root; {@value PersonalIdentityCode#CODE_SYSTEM} for a personal identity code
     */
    public static Finding find(CharSequence text, String clientId, String clientIdRoot) {
        boolean personal = PersonalIdentityCode.CODE_SYSTEM.equals(clientIdRoot);
        boolean shows = !personal && containsWord(text, clientId);
        boolean someone = false;
        Matcher full = FULL.matcher(text);
        while (full.find() && !shows) {
            if (PersonalIdentityCode.isValid(full.group())) {
                someone = true;
                shows = personal && full.group().equals(clientId);
            }
        }
        Matcher masked = MASKED.matcher(text);
        while (masked.find() && !shows) {
            someone = true;
            shows = personal && clientId.startsWith(masked.group(1))
                    && (masked.group(2) == null || masked.group(2).charAt(0) == clientId.charAt(6));
        }
        return new Finding(shows, someone || shows);
    }

    private static boolean containsWord(CharSequence text, String word) {
        return word != null && !word.isEmpty()
                && Pattern.compile(EDGE_BEFORE + Pattern.quote(word) + EDGE_AFTER).matcher(text).find();
    }
}

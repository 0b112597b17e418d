package fi.arkisto.store.cda;

/**
 * Control characters no field of a Kanta document may carry: C0 controls other than tab, line feed and carriage
 * return, DEL, and the C1 controls. XML 1.0 already forbids most C0 controls, but lets DEL and C1 controls through
 * literally, and XML 1.1 admits every control as a character reference ({@code &#x1;}); a title such as
 * {@code "\u0001\u001b[31m..."} would otherwise reach the metadata, logs and every screen that shows it.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Index of the first control character in {@code text}, or -1. */
    public static int indexIn(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }

    /** {@code U+001B}: how a refusal names the character without printing it. */
    public static String describe(char c) {
        return String.format("U+%04X", (int) c);
    }
}

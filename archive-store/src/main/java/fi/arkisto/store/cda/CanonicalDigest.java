package fi.arkisto.store.cda;

import java.security.MessageDigest;

/**
 * SHA-256 over canonical XML written piece by piece: markup (already canonical) and character content, escaped as
 * Canonical XML 1.0 section 2.3 says (text: {@code & < >} and CR as {@code &#xD;}), encoded in UTF-8 without ever
 * holding the text. A surrogate pair split between two pieces is joined.
 */
final class CanonicalDigest {

    private final MessageDigest digest;
    private final byte[] buffer = new byte[16 * 1024];
    private int used;
    private char highSurrogate;

    CanonicalDigest(MessageDigest digest) {
        this.digest = digest;
    }

    /** An independent continuation of this digest (same state). */
    CanonicalDigest copy() {
        flush();
        try {
            CanonicalDigest copy = new CanonicalDigest((MessageDigest) digest.clone());
            copy.highSurrogate = highSurrogate;
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned", e);
        }
    }

    void markup(CharSequence canonical) {
        for (int i = 0; i < canonical.length(); i++) {
            put(canonical.charAt(i));
        }
    }

    void text(char[] ch, int start, int length) {
        for (int i = start; i < start + length; i++) {
            char c = ch[i];
            switch (c) {
                case '&' -> ascii("&amp;");
                case '<' -> ascii("&lt;");
                case '>' -> ascii("&gt;");
                case '\r' -> ascii("&#xD;");
                default -> put(c);
            }
        }
    }

    byte[] finish() {
        flush();
        return digest.digest();
    }

    /** Attribute values: {@code & < "}, TAB, LF and CR escaped (Canonical XML 1.0, section 2.3). */
    static void escapeAttribute(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#x9;");
                case '\n' -> out.append("&#xA;");
                case '\r' -> out.append("&#xD;");
                default -> out.append(c);
            }
        }
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void put(char c) {
        if (used > buffer.length - 4) {
            flush();
        }
        if (highSurrogate != 0) {
            char high = highSurrogate;
            highSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buffer[used++] = (byte) (0xF0 | (cp >> 18));
                buffer[used++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[used++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[used++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            // the parser never reports an unpaired surrogate; encode defensively as the JDK does
            buffer[used++] = '?';
            put(c);
            return;
        }
        if (c < 0x80) {
            buffer[used++] = (byte) c;
        } else if (c < 0x800) {
            buffer[used++] = (byte) (0xC0 | (c >> 6));
            buffer[used++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            highSurrogate = c;
        } else {
            buffer[used++] = (byte) (0xE0 | (c >> 12));
            buffer[used++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buffer[used++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void flush() {
        if (used > 0) {
            digest.update(buffer, 0, used);
            used = 0;
        }
    }
}

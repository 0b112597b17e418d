package fi.arkisto.store.cda;

import java.security.MessageDigest;

/**
 * SHA-256 over canonical XML written piece by piece: markup (already canonical) and character content, escaped as
 * Canonical XML 1.0 section 2.3 says (text: {@code & < >} and CR as {@code &#xD;}), encoded in UTF-8 without ever
 * holding the text. A surrogate pair split between two pieces is joined.
 * <p>Two digests share one encoding: the Kanta form and the literal form differ only by whitespace-only text nodes,
 * which go to the literal digest alone ({@link #literalText}); the literal digest starts as a copy of the Kanta one
 * when the forms first diverge, so a body is encoded once however large it is.
 */
final class CanonicalDigest {

    private static final int SIZE = 64 * 1024;

    private final MessageDigest kanta;
    private MessageDigest literal;
    private final byte[] buffer = new byte[SIZE];
    private int used;
    private boolean literalOnly;
    private char highSurrogate;

    CanonicalDigest(MessageDigest digest) {
        this.kanta = digest;
    }

    /** Canonical markup, in both forms. */
    void markup(CharSequence canonical) {
        target(false);
        for (int i = 0; i < canonical.length(); i++) {
            put(canonical.charAt(i));
        }
    }

    /** Character content, in both forms. */
    void text(char[] ch, int start, int length) {
        target(false);
        escape(ch, start, length);
    }

    /** A whitespace-only text node: in the literal form only. */
    void literalText(char[] ch, int start, int length) {
        if (literal == null) {
            flush();
            try {
                literal = (MessageDigest) kanta.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 cannot be cloned", e);
            }
        }
        target(true);
        escape(ch, start, length);
    }

    /** The two digests, Kanta form first; the literal one equals it when no whitespace-only text was given. */
    byte[][] finish() {
        flush();
        byte[] kantaDigest = kanta.digest();
        return new byte[][] {kantaDigest, literal == null ? kantaDigest.clone() : literal.digest()};
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

    private void escape(char[] ch, int start, int length) {
        int i = start;
        int end = start + length;
        while (i < end) {
            // the body is Base64: runs of ASCII that need no escape are copied straight into the buffer
            if (highSurrogate == 0) {
                int limit = Math.min(end, i + (SIZE - used));
                // locals, not fields, in the loop that sees every character of a gigabyte body
                byte[] out = buffer;
                int n = used;
                while (i < limit) {
                    char c = ch[i];
                    if (c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '\r') {
                        break;
                    }
                    out[n++] = (byte) c;
                    i++;
                }
                used = n;
                if (used == SIZE) {
                    flush();
                }
                if (i == end) {
                    break;
                }
                if (i == limit) {
                    // the buffer filled up: continue the run in the flushed buffer
                    continue;
                }
            }
            char c = ch[i++];
            switch (c) {
                case '&' -> ascii("&amp;");
                case '<' -> ascii("&lt;");
                case '>' -> ascii("&gt;");
                case '\r' -> ascii("&#xD;");
                default -> put(c);
            }
        }
    }

    private void target(boolean literalOnly) {
        if (this.literalOnly != literalOnly) {
            flush();
            this.literalOnly = literalOnly;
        }
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void put(char c) {
        if (used > SIZE - 4) {
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
            if (literalOnly) {
                literal.update(buffer, 0, used);
            } else {
                kanta.update(buffer, 0, used);
                if (literal != null) {
                    literal.update(buffer, 0, used);
                }
            }
            used = 0;
        }
    }
}

package fi.arkisto.store.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes character content as the JDK's XML serialiser ({@link SignerXml#write}) writes a text node in UTF-8:
 * {@code & < >} as entities, CR as {@code &#13;} (so it survives line-end normalisation when read again) and a
 * supplementary character (a surrogate pair, possibly split between two writes) as a decimal reference. The
 * streamed signer splices the body text written this way into the serialised elided document.
 */
final class SerializedTextWriter extends Writer {

    private final Writer out;
    private char highSurrogate;

    SerializedTextWriter(OutputStream out) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            char c = chars[i];
            String escaped;
            if (highSurrogate != 0) {
                escaped = "&#" + Character.toCodePoint(highSurrogate, c) + ";";
                highSurrogate = 0;
            } else if (Character.isHighSurrogate(c)) {
                out.write(chars, start, i - start);
                highSurrogate = c;
                start = i + 1;
                continue;
            } else {
                escaped = switch (c) {
                    case '&' -> "&amp;";
                    case '<' -> "&lt;";
                    case '>' -> "&gt;";
                    case '\r' -> "&#13;";
                    default -> null;
                };
            }
            if (escaped != null) {
                out.write(chars, start, i - start);
                out.write(escaped);
                start = i + 1;
            }
        }
        out.write(chars, start, off + len - start);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

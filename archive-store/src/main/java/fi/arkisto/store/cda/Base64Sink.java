package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Decodes Base64 text arriving in pieces into a stream, exactly as strictly as {@link CdaParser#decodeBase64}
 * decodes it whole: XML whitespace is skipped, anything else must be the RFC 4648 alphabet with padding only at
 * the end, and the length without whitespace a multiple of 4. Decoding goes through the JDK's decoder in whole
 * quanta, so both paths accept exactly the same texts.
 */
final class Base64Sink {

    private static final String FIELD = BodySplitter.BODY_TEXT;
    private static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final byte[] ascii = new byte[CHUNK];
    private int used;
    private long position;
    private long significant;
    private boolean padded;
    private long written;

    Base64Sink(OutputStream out) {
        this.out = out;
    }

    void accept(char[] ch, int start, int length) {
        for (int i = start; i < start + length; i++, position++) {
            char c = ch[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c > 0x7f) {
                throw invalid("it contains a non-ASCII character at position " + position);
            }
            if (padded) {
                throw invalid("it continues after its padding at position " + position);
            }
            ascii[used++] = (byte) c;
            significant++;
            if (used == CHUNK) {
                decode();
            }
        }
    }

    void finish() {
        if (significant % 4 != 0) {
            throw invalid("its length without whitespace (" + significant + ") is not a multiple of 4");
        }
        decode();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the display form", e);
        }
    }

    long written() {
        return written;
    }

    /** Decodes the buffered whole quanta; padding can only be in the last quantum of a chunk. */
    private void decode() {
        int whole = used - used % 4;
        if (whole == 0) {
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(used == whole && whole == ascii.length ? ascii : java.util.Arrays.copyOf(ascii, whole));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        padded = ascii[whole - 1] == '=';
        try {
            out.write(decoded);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the display form", e);
        }
        written += decoded.length;
        System.arraycopy(ascii, whole, ascii, 0, used - whole);
        used -= whole;
    }

    private static ArchiveException invalid(String reason) {
        return new ArchiveException(ErrorCode.INVALID_BASE64, FIELD + " is not valid Base64: " + reason);
    }
}

package fi.arkisto.store.cda;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what a parser reads and stops it once more than the limit has been read: a streamed document's size is
 * not known in advance, and the parser must not read a hostile endless stream to its end.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public void close() {
        // the caller owns the stream
    }

    private void counted(long n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge("The document has more than " + limit + " bytes; at most " + limit + " are accepted");
        }
    }

    /** Carries the size refusal out of the parser, which passes I/O errors on unchanged. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }
}

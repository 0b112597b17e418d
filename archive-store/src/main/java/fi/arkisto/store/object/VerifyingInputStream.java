package fi.arkisto.store.object;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A stored object's bytes as they stream, hashed on the way; reaching the end checks the SHA-256 and length
 * recorded in PostgreSQL (invariant 2 (docs/invariants.md): a silently altered or swapped object is never handed out as
 * verified). A mismatch fails the final read with {@link IOException} carrying STORED_OBJECT_CORRUPT as its cause.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final String key;
    private final String expectedSha256;
    private final long expectedSize;
    private final MessageDigest digest = ContentHash.newSha256();
    private long count;
    private boolean verified;
    private ArchiveException failure;

    VerifyingInputStream(InputStream in, String key, String expectedSha256, long expectedSize) {
        super(in);
        this.key = key;
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
        } else {
            digest.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass the digest
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        if (!verified) {
            verified = true;
            String actual = HexFormat.of().formatHex(digest.digest());
            if (count != expectedSize || !actual.equals(expectedSha256)) {
                failure = new ArchiveException(ErrorCode.STORED_OBJECT_CORRUPT, "Stored object " + key + " has " + count
                        + " bytes with SHA-256 " + actual + ", recorded " + expectedSize + " bytes with " + expectedSha256);
            }
        }
        if (failure != null) {
            // every later read fails too: the end of a corrupt object is never reported as a clean end
            throw new IOException(failure.detail(), failure);
        }
    }
}

package fi.arkisto.batch.migration;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Signs a wrapped legacy document with the organisation's system signature (Kanta profile, signature type 3).
 * The signing time is given, not read from a clock: one migration signs every document with the time it started,
 * so a restart re-creates byte-identical documents and the archive recognises them as already archived
 * (RSA PKCS#1 v1.5 signatures are deterministic, so equal input gives equal output).
 */
public interface DocumentSigner {

    byte[] sign(byte[] unsignedCda, Instant signingTime);

    /** The same signature for a document too large to hold: reads {@code unsignedCda}, writes {@code signedCda}. */
    void sign(Path unsignedCda, Path signedCda, Instant signingTime);

    /**
     * Fails before the first row when no signing key is configured (MIGRATION_SIGNER_MISSING), rather than
     * rejecting every row; the launcher asks before it starts a migration.
     */
    default void requireReady() {
    }
}

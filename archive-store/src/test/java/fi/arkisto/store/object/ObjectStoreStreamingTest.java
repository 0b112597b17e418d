package fi.arkisto.store.object;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.TestObjectStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files put as multipart uploads and objects read as verified streams, over the real S3 protocol (s3proxy). */
class ObjectStoreStreamingTest {

    private static TestObjectStorage storage;
    private static ObjectStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        storage = TestObjectStorage.embedded();
        store = storage.newObjectStore();
    }

    @AfterAll
    static void stop() {
        store.close();
        storage.close();
    }

    @Test
    void aFileOfSeveralPartsIsStoredAndReadBackAsAVerifiedStream() throws IOException {
        // given a file of 2.5 parts
        Path file = randomFile(ObjectStore.PART_SIZE * 5 / 2, 11);
        String sha = sha256(file);
        String key = ObjectStore.documentKey(sha);

        // when put from the file and opened
        store.put(key, file, Files.size(file), sha);
        MessageDigest read = ContentHash.newSha256();
        long count;
        try (InputStream in = new DigestInputStream(store.open(key, sha, Files.size(file)), read)) {
            count = in.transferTo(OutputStream.nullOutputStream());
        }

        // then the same bytes came back
        assertThat(count).isEqualTo(Files.size(file));
        assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(sha);
        assertThat(store.describe(key)).get().satisfies(o -> assertThat(o.size()).isEqualTo(Files.size(file)));
    }

    @Test
    void aFileThatIsNotTheDeclaredContentIsRefusedAndLeavesNoObject() throws IOException {
        // given a file and the SHA-256 of other content (the file changed after it was checked)
        Path file = randomFile(100_000, 12);
        String declared = sha256(randomFile(100_000, 13));
        String key = ObjectStore.documentKey(declared);

        // when put, then refused and nothing is left under the key
        assertThatThrownBy(() -> store.put(key, file, Files.size(file), declared))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORED_OBJECT_CORRUPT));
        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void aStreamOfAnObjectWithOtherContentFailsAtItsEnd() throws IOException {
        // given an object stored under a key, read with another SHA-256 recorded for it
        Path file = randomFile(300_000, 14);
        String sha = sha256(file);
        String key = ObjectStore.documentKey(sha);
        store.put(key, file, Files.size(file), sha);
        String recorded = sha256(randomFile(10, 15));

        // when read to the end, then the last read fails as corrupt
        try (InputStream in = store.open(key, recorded, Files.size(file))) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class)
                    .hasCauseInstanceOf(ArchiveException.class)
                    .hasMessageContaining("recorded");
            assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        }
    }

    @Test
    void openingAMissingObjectIsReportedAsCorrupt() {
        String sha = "0".repeat(64);
        assertThatThrownBy(() -> store.open(ObjectStore.documentKey(sha), sha, 1))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORED_OBJECT_CORRUPT));
    }

    private Path randomFile(long size, long seed) throws IOException {
        Path file = Files.createTempFile(dir, "object-", ".bin");
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) random.nextInt(256);
                }
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = ContentHash.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

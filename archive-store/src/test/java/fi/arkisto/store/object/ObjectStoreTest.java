package fi.arkisto.store.object;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.StallingProxy;
import fi.arkisto.store.testsupport.TestObjectStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The object store over the real S3 protocol (embedded s3proxy). */
class ObjectStoreTest {

    private static TestObjectStorage storage;
    private static ObjectStore store;

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
    void storesTheRealSampleByteExactUnderAContentAddressedKey() {
        // given
        byte[] sample = KantaSamples.realSample();
        String sha = ContentHash.sha256Hex(sample);
        String key = ObjectStore.documentKey(sha);

        // when
        store.put(key, sample, sha);
        byte[] read = store.get(key, sha);

        // then
        assertThat(read).isEqualTo(sample);
        assertThat(key).isEqualTo("documents/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha);
        assertThat(store.describe(key)).get().satisfies(o -> assertThat(o.size()).isEqualTo(sample.length));
    }

    @Test
    void aReadWhoseBytesDoNotMatchTheRecordedHashFails() {
        // given
        byte[] bytes = "alkuperäinen".getBytes(StandardCharsets.UTF_8);
        String sha = ContentHash.sha256Hex(bytes);
        store.put(ObjectStore.documentKey(sha), bytes, sha);
        String otherSha = ContentHash.sha256Hex("toinen".getBytes(StandardCharsets.UTF_8));

        // when / then
        assertThatThrownBy(() -> store.get(ObjectStore.documentKey(sha), otherSha))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORED_OBJECT_CORRUPT));
        assertThatThrownBy(() -> store.get(ObjectStore.documentKey(otherSha), otherSha))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORED_OBJECT_CORRUPT));
    }

    @Test
    void aClaimedHashThatIsNotTheBytesHashIsRefusedBeforeWriting() {
        // given
        byte[] bytes = "sisältö".getBytes(StandardCharsets.UTF_8);
        String wrong = ContentHash.sha256Hex("muu".getBytes(StandardCharsets.UTF_8));

        // when / then
        assertThatThrownBy(() -> store.put(ObjectStore.documentKey(wrong), bytes, wrong))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.exists(ObjectStore.documentKey(wrong))).isFalse();
    }

    @Test
    void anObjectDeletedRightAfterItWasWrittenIsWrittenAgainNotReportedCorrupt() {
        // given a store where the object is deleted between the write and its check, as the orphan sweep deletes a
        // stray object of the same content (a content-addressed key) at the moment a resubmission writes it again
        byte[] bytes = ("kirjoitetaan uudelleen " + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String sha = ContentHash.sha256Hex(bytes);
        String key = ObjectStore.documentKey(sha);
        try (StallingProxy proxy = StallingProxy.to("127.0.0.1", java.net.URI.create(storage.properties().endpoint()).getPort());
             ObjectStore racing = new ObjectStore(new ObjectStoreProperties(proxy.endpoint(), storage.properties().accessKey(),
                     storage.properties().secretKey(), store.bucket(), null))) {
            proxy.onceBeforeForwarding("HEAD /" + store.bucket() + "/" + key, () -> store.delete(key));

            // when
            racing.put(key, bytes, sha);
        }

        // then the write is made again and verified: the object is there, byte for byte
        assertThat(store.get(key, sha)).isEqualTo(bytes);
    }

    @Test
    void listsAndDeletesObjectsUnderAPrefix() {
        // given
        ObjectStore other = storage.newObjectStore("arkisto-list-" + System.nanoTime());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = ("kohde " + i).getBytes(StandardCharsets.UTF_8);
            String sha = ContentHash.sha256Hex(bytes);
            other.put(ObjectStore.documentKey(sha), bytes, sha);
            keys.add(ObjectStore.documentKey(sha));
        }

        // when
        other.delete(keys.get(1));
        List<String> listed = new ArrayList<>();
        other.list(ObjectStore.DOCUMENT_PREFIX, o -> listed.add(o.key()));

        // then
        assertThat(listed).containsExactlyInAnyOrder(keys.get(0), keys.get(2));
        other.close();
    }

    @Test
    void anUnreachableStoreIsStorageUnavailable() throws IOException {
        // given: a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ObjectStoreProperties nowhere = new ObjectStoreProperties("http://127.0.0.1:" + port, "a", "b", "bucket", null);

        // when / then
        assertThatThrownBy(() -> new ObjectStore(nowhere))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    }

    @Test
    void wrongCredentialsAreRefused() {
        // given
        ObjectStoreProperties p = storage.properties();
        ObjectStoreProperties wrong = new ObjectStoreProperties(p.endpoint(), p.accessKey(), "wrong-secret", p.bucket(), null);

        // when / then
        assertThatThrownBy(() -> new ObjectStore(wrong))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    }

    @Test
    void socketsAreOpenedWithTcpNoDelay() throws IOException {
        // given
        try (ServerSocket server = new ServerSocket(0);
             // when
             Socket socket = new NoDelaySocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
            // then
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }
}

package fi.arkisto.store.object;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.X509TrustManager;

/**
 * The archive's original document bytes in an S3-compatible store, through minio-java (the same
 * code path for the embedded s3proxy and a real MinIO).
 *
 * <p>invariant 2 (docs/invariants.md): {@link #put} returns only after the store has acknowledged the bytes
 * against their Content-MD5 and a fresh {@code HEAD} shows the expected size and SHA-256, so a
 * caller may commit metadata pointing at the key. Reads re-hash the bytes ({@link #get}).
 * SHA-256 travels as user metadata because s3proxy does not implement {@code x-amz-checksum-sha256}.
 */
public class ObjectStore implements AutoCloseable {

    /** Prefix of document objects; keys are content-addressed so they never carry personal data. */
    public static final String DOCUMENT_PREFIX = "documents/";
    static final String SHA256_METADATA = "sha256";
    /** Writes of one object whose first write was gone right after it ({@link #writeVerified}). */
    private static final int WRITES_OF_A_VANISHED_OBJECT = 2;
    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);
    /** Multipart part size of {@link #put(String, Path, long, String)}: minio-java holds one part in memory. */
    public static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final OkHttpClient httpClient;
    private final ObjectStoreProperties properties;
    private final String bucket;

    public ObjectStore(ObjectStoreProperties properties) {
        this(properties, null);
    }

    /**
     * @param tls for an {@code https} endpoint: the SSL bundle whose trust store (and, for a store that asks for one,
     *            key store) the connections use; null = the JDK's default trust
     */
    public ObjectStore(ObjectStoreProperties properties, SslBundle tls) {
        this.bucket = properties.bucket();
        this.properties = properties;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                // the bulk path runs 16 concurrent PUTs; keep their connections alive between batches
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                // a store that stops answering fails calls within seconds instead of holding threads
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .writeTimeout(properties.writeTimeout())
                .protocols(List.of(Protocol.HTTP_1_1));
        if (tls != null) {
            if (!properties.endpoint().regionMatches(true, 0, "https://", 0, 8)) {
                throw new IllegalStateException("arkisto.s3.ssl-bundle is set, but arkisto.s3.endpoint is not an https URL: "
                        + properties.endpoint());
            }
            X509TrustManager trust = Arrays.stream(tls.getManagers().getTrustManagers())
                    .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("arkisto.s3.ssl-bundle has no trust store"));
            http.sslSocketFactory(tls.createSslContext().getSocketFactory(), trust);
        }
        this.httpClient = http.build();
        this.client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .httpClient(httpClient)
                .build();
        ensureBucket();
    }

    /** The key for document bytes with this SHA-256: {@code documents/ab/cd/abcd...}. */
    public static String documentKey(String sha256) {
        if (sha256 == null || sha256.length() != 64 || !sha256.chars().allMatch(ObjectStore::isLowerHex)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
        return DOCUMENT_PREFIX + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Writes the bytes and verifies them: the store checks Content-MD5 on receipt, and a HEAD
     * afterwards must show the same size and SHA-256 metadata. Idempotent for content-addressed keys.
     *
     * @throws ArchiveException STORAGE_UNAVAILABLE when the store refuses or cannot be reached,
     *                          STORED_OBJECT_CORRUPT when the stored object does not verify
     */
    public void put(String key, byte[] bytes, String sha256) {
        if (!ContentHash.sha256Hex(bytes).equals(sha256)) {
            throw new IllegalArgumentException("The SHA-256 given for " + key + " is not the SHA-256 of the bytes");
        }
        byte[] md5 = ContentHash.md5(bytes);
        writeVerified(key, bytes.length, sha256, () -> {
            try {
                ObjectWriteResponse response = client.putObject(PutObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                        .contentType("application/octet-stream")
                        .headers(Map.of("Content-MD5", Base64.getEncoder().encodeToString(md5)))
                        .userMetadata(Map.of(SHA256_METADATA, sha256))
                        .build());
                String etag = unquote(response.etag());
                if (etag != null && etag.length() == 32 && !etag.equalsIgnoreCase(HexFormat.of().formatHex(md5))) {
                    throw new ArchiveException(ErrorCode.STORED_OBJECT_CORRUPT,
                            "Object store acknowledged different content for " + key);
                }
            } catch (ArchiveException e) {
                throw e;
            } catch (Exception e) {
                throw unavailable("write " + key, e);
            }
        });
    }

    /**
     * Writes and checks by a HEAD that the object has the size and SHA-256 metadata. An object gone right after its
     * write is written again: the orphan sweep deletes a stray object whose check it passed, and a resubmission of the
     * same content (the same key) may land just between that check and the delete (OrphanObjectSweeper). The sweep
     * deletes a key once, and a rewritten object is young, so a second write stays; only then is a missing object
     * corrupt.
     */
    private void writeVerified(String key, long size, String sha256, Runnable write) {
        for (int written = 1; ; written++) {
            write.run();
            Optional<StatObjectResponse> stat = stat(key);
            if (stat.isEmpty() && written < WRITES_OF_A_VANISHED_OBJECT) {
                log.warn("Object {} was gone right after it was written (the orphan sweep removed a stray object of the"
                        + " same content at that moment); writing it again", key);
                continue;
            }
            StatObjectResponse found = stat.orElseThrow(() -> new ArchiveException(ErrorCode.STORED_OBJECT_CORRUPT,
                    "Object " + key + " is missing right after it was written"));
            if (found.size() != size || !sha256.equals(found.userMetadata().get(SHA256_METADATA))) {
                throw new ArchiveException(ErrorCode.STORED_OBJECT_CORRUPT,
                        "Object " + key + " does not verify after writing (size " + found.size() + ", expected " + size + ")");
            }
            return;
        }
    }

    /**
     * Writes a file of any size without holding it (a 1.37 GB document): a multipart upload in parts of
     * {@value #PART_SIZE} bytes (minio-java buffers one part), the file hashed while it is sent. Verified before
     * it returns, so a caller may commit metadata pointing at the key (invariant 2 (docs/invariants.md)): the bytes sent must have
     * {@code sha256} (a file changed since it was checked is caught here, and its object deleted), and a HEAD must
     * show the size and SHA-256 metadata. Transit is covered by the S3 protocol (each part's payload hash is signed
     * over plain HTTP, TLS otherwise). The object is not read back: that would double the I/O of the largest
     * documents for a check of the store's own integrity, which the fixity audit makes anyway.
     *
     * @throws ArchiveException STORAGE_UNAVAILABLE, STORED_OBJECT_CORRUPT
     */
    public void put(String key, Path file, long size, String sha256) {
        writeVerified(key, size, sha256, () -> {
            MessageDigest digest = ContentHash.newSha256();
            try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 256 * 1024), digest)) {
                client.putObject(PutObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .stream(in, size, PART_SIZE)
                        .contentType("application/octet-stream")
                        .userMetadata(Map.of(SHA256_METADATA, sha256))
                        .build());
            } catch (ArchiveException e) {
                throw e;
            } catch (Exception e) {
                throw unavailable("write " + key, e);
            }
            String sent = HexFormat.of().formatHex(digest.digest());
            if (!sent.equals(sha256)) {
                try {
                    delete(key);
                } catch (ArchiveException e) {
                    // the sweeper removes it once it is old enough; the refusal below is what matters
                }
                throw new ArchiveException(ErrorCode.STORED_OBJECT_CORRUPT, "The file for " + key
                        + " changed while it was stored (SHA-256 " + sent + ")");
            }
        });
    }

    /**
     * Opens an object for reading without holding it. The stream hashes what it hands out and, at its end, fails
     * with an {@link IOException} when the bytes do not have {@code expectedSha256} or {@code expectedSize}: a
     * reader that must not act on unverified bytes reads to the end before acting; a response streamed to a client
     * is cut off instead of completed.
     *
     * @throws ArchiveException STORED_OBJECT_CORRUPT when the object is missing, STORAGE_UNAVAILABLE
     */
    public InputStream open(String key, String expectedSha256, long expectedSize) {
        try {
            return new VerifyingInputStream(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()),
                    key, expectedSha256, expectedSize);
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                throw new ArchiveException(ErrorCode.STORED_OBJECT_CORRUPT, "Stored object " + key + " is missing", e);
            }
            throw unavailable("read " + key, e);
        } catch (Exception e) {
            throw unavailable("read " + key, e);
        }
    }

    /**
     * Reads an object and checks its bytes against the SHA-256 recorded for it elsewhere
     * (PostgreSQL), so a silently altered or swapped object is never handed out.
     */
    public byte[] get(String key, String expectedSha256) {
        byte[] bytes;
        try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            bytes = response.readAllBytes();
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                throw new ArchiveException(ErrorCode.STORED_OBJECT_CORRUPT, "Stored object " + key + " is missing", e);
            }
            throw unavailable("read " + key, e);
        } catch (Exception e) {
            throw unavailable("read " + key, e);
        }
        String actual = ContentHash.sha256Hex(bytes);
        if (!actual.equals(expectedSha256)) {
            throw new ArchiveException(ErrorCode.STORED_OBJECT_CORRUPT,
                    "Stored object " + key + " has SHA-256 " + actual + ", recorded " + expectedSha256);
        }
        return bytes;
    }

    public boolean exists(String key) {
        return stat(key).isPresent();
    }

    /** Every object under the prefix, streamed page by page (S3 list pages of 1,000). */
    public void list(String prefix, Consumer<StoredObject> each) {
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    each.accept(new StoredObject(item.objectName(), item.size(),
                            item.lastModified() == null ? null : item.lastModified().toInstant()));
                }
            }
        } catch (Exception e) {
            throw unavailable("list " + prefix, e);
        }
    }

    /** Last modification of an object, or empty when it does not exist. */
    public Optional<StoredObject> describe(String key) {
        return stat(key).map(s -> new StoredObject(key, s.size(),
                s.lastModified() == null ? null : s.lastModified().toInstant()));
    }

    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw unavailable("delete " + key, e);
        }
    }

    /**
     * Asks the store whether the archive's bucket exists, the whole call bounded by {@code timeout} (connect, send and
     * answer), so a health check of a store that stopped answering ends in time (docs/running.md, "Health").
     *
     * @throws ArchiveException STORAGE_UNAVAILABLE when the store does not answer in time, refuses, or lacks the bucket
     */
    public void checkReachable(Duration timeout) {
        MinioClient bounded = MinioClient.builder()
                .endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                // shares the connection pool and TLS settings; only the whole-call limit differs
                .httpClient(httpClient.newBuilder().callTimeout(timeout).build())
                .build();
        boolean exists;
        try {
            exists = bounded.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw unavailable("answer within " + timeout.toMillis() + " ms", e);
        }
        if (!exists) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "Object store has no bucket " + bucket);
        }
    }

    /** Releases pooled connections; the store cannot be used afterwards. */
    @Override
    public void close() {
        httpClient.dispatcher().executorService().shutdown();
        httpClient.connectionPool().evictAll();
    }

    private Optional<StatObjectResponse> stat(String key) {
        try {
            return Optional.of(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()));
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw unavailable("inspect " + key, e);
        } catch (Exception e) {
            throw unavailable("inspect " + key, e);
        }
    }

    private void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw unavailable("create bucket " + bucket, e);
            }
        } catch (Exception e) {
            throw unavailable("create bucket " + bucket, e);
        }
    }

    private static boolean isNotFound(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)
                || (e.response() != null && e.response().code() == 404 && !"NoSuchBucket".equals(code));
    }

    private static ArchiveException unavailable(String what, Exception cause) {
        return new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE,
                "Object store could not " + what + ": " + cause.getMessage(), cause);
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}

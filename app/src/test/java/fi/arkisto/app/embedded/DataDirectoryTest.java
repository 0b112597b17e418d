package fi.arkisto.app.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void generatesS3CredentialsOncePerDataDirectoryReadableByTheOwnerOnly() throws Exception {
        // given a new data directory
        Path root = temp.resolve("data");

        // when its credentials are asked for twice, and those of another directory once
        S3Credentials first = DataDirectory.open(root).s3Credentials();
        S3Credentials again = DataDirectory.open(root).s3Credentials();
        S3Credentials other = DataDirectory.open(temp.resolve("other")).s3Credentials();

        // then they are stable per directory, random across directories, and owner-only on disk
        assertThat(again).isEqualTo(first);
        assertThat(other.accessKey()).isNotEqualTo(first.accessKey());
        assertThat(other.secretKey()).isNotEqualTo(first.secretKey());
        assertThat(first.secretKey()).hasSizeGreaterThanOrEqualTo(32);
        Path file = root.resolve(DataDirectory.S3_CREDENTIALS_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(first.toString()).doesNotContain(first.secretKey());
    }
}

package fi.arkisto.routes.file;

import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafePackageTest {

    private static final IngestProperties.Limits LIMITS = new IngestProperties.Limits(2_000_000, 5_000_000, 50, 100);

    @TempDir
    Path dir;

    @Test
    void listsAndReadsTheRegularEntriesOfAnOrdinaryPackage() {
        // given
        Path zip = ZipFixtures.zip().add("a.xml", "<a/>").add("docs/", new byte[0]).add("docs/b.xml", "<b/>")
                .writeTo(dir.resolve("ok.zip"));

        // when
        try (SafePackage pkg = SafePackage.open(zip, LIMITS)) {
            // then directories are skipped, files keep their order
            assertThat(pkg.entries()).extracting(PackageEntry::name).containsExactly("a.xml", "docs/b.xml");
            assertThat(new String(pkg.read(pkg.entries().get(1)), StandardCharsets.UTF_8)).isEqualTo("<b/>");
            assertThat(pkg.entries().get(1).safeName()).isEqualTo("00002-docs_b.xml");
        }
    }

    @Test
    void refusesZipSlipNames() {
        assertRefused(ZipFixtures.zip().add("ok.xml", "<a/>").add("../../etc/cron.d/x.xml", "<a/>"),
                ErrorCode.PACKAGE_ENTRY_UNSAFE, "zip slip");
        assertRefused(ZipFixtures.zip().add("/etc/passwd.xml", "<a/>"), ErrorCode.PACKAGE_ENTRY_UNSAFE, "absolute");
        assertRefused(ZipFixtures.zip().add("docs\\..\\x.xml", "<a/>"), ErrorCode.PACKAGE_ENTRY_UNSAFE, "is refused");
        assertRefused(ZipFixtures.zip().add("C:/x.xml", "<a/>"), ErrorCode.PACKAGE_ENTRY_UNSAFE, "absolute");
    }

    @Test
    void refusesSymlinksAndOtherNonRegularEntries() {
        assertRefused(ZipFixtures.zip().add("ok.xml", "<a/>").symlink("link.xml", "/etc/shadow"),
                ErrorCode.PACKAGE_ENTRY_UNSAFE, "symbolic link");
        assertRefused(ZipFixtures.zip().fifo("pipe.xml"), ErrorCode.PACKAGE_ENTRY_UNSAFE, "not a regular file");
    }

    @Test
    void refusesNestedArchivesByNameAndByContent() throws Exception {
        Path inner = ZipFixtures.zip().add("a.xml", "<a/>").writeTo(dir.resolve("inner.zip"));
        byte[] innerBytes = Files.readAllBytes(inner);

        assertRefused(ZipFixtures.zip().add("inner.zip", innerBytes), ErrorCode.PACKAGE_ENTRY_UNSAFE, "nested archive");
        assertRefused(ZipFixtures.zip().add("disguised.xml", innerBytes), ErrorCode.PACKAGE_ENTRY_UNSAFE, "nested archive");
    }

    @Test
    void refusesZipBombsByEntrySizeRatioAndTotal() {
        // an entry over the entry limit
        assertRefused(ZipFixtures.zip().add("big.xml", new byte[2_500_000]), ErrorCode.PACKAGE_TOO_LARGE, "entry limit");
        // a small package inflating 1.5 MB of zeros: ratio far over 100:1
        assertRefused(ZipFixtures.zip().add("bomb.xml", new byte[1_500_000]), ErrorCode.PACKAGE_TOO_LARGE, "ratio");
        // entries each within limits, but together over the total
        IngestProperties.Limits smallTotal = new IngestProperties.Limits(2_000_000, 1_000, 50, 100);
        Path zip = ZipFixtures.zip().add("a.xml", new byte[600]).add("b.xml", new byte[600]).writeTo(dir.resolve("t.zip"));
        assertThatThrownBy(() -> SafePackage.open(zip, smallTotal))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_TOO_LARGE))
                .hasMessageContaining("total");
    }

    @Test
    void refusesTooManyEntriesAndNonZips() throws Exception {
        ZipFixtures many = ZipFixtures.zip();
        for (int i = 0; i < 51; i++) {
            many.add("d" + i + ".xml", "<a/>");
        }
        assertRefused(many, ErrorCode.PACKAGE_TOO_LARGE, "more than 50 entries");

        Path notZip = Files.writeString(dir.resolve("fake.zip"), "not a zip");
        assertThatThrownBy(() -> SafePackage.open(notZip, LIMITS))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    private void assertRefused(ZipFixtures fixture, ErrorCode code, String detail) {
        Path zip = fixture.writeTo(dir.resolve(System.nanoTime() + ".zip"));
        assertThatThrownBy(() -> SafePackage.open(zip, LIMITS))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(detail);
    }
}

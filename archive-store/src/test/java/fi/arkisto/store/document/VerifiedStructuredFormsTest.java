package fi.arkisto.store.document;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedStructuredFormsTest {

    private static ArchivedDocument version(String sha256) {
        DocumentMetadata metadata = new CdaParser().parse(KantaSamples.document()
                .client(KantaSamples.newTestIdentityCode()).build()).metadata();
        return new ArchivedDocument(metadata, DocumentStatus.ACTIVE, sha256, 1, Instant.now(), null, List.of(),
                List.of());
    }

    @Test
    void aVersionReadOnceIsAnsweredFromWhatWasKeptAndWhatTheCallerChangesIsNotKept() {
        // given a version whose structured form was read once
        VerifiedStructuredForms forms = new VerifiedStructuredForms(10);
        ArchivedDocument version = version("a".repeat(64));
        AtomicInteger reads = new AtomicInteger();
        byte[] first = forms.get(version, () -> {
            reads.incrementAndGet();
            return "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        });

        // when the caller changes what it was given and the version is asked for again
        first[0] = 'X';
        byte[] second = forms.get(version, () -> {
            reads.incrementAndGet();
            return new byte[] {'?'};
        });

        // then the object was read once and the form is as read
        assertThat(reads).hasValue(1);
        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void aVersionWithoutAStructuredFormStaysWithoutOneAndTheLeastRecentlyUsedVersionLeavesFirst() {
        // given room for one version, and a version without a structured form
        VerifiedStructuredForms forms = new VerifiedStructuredForms(1);
        ArchivedDocument without = version("b".repeat(64));
        AtomicInteger reads = new AtomicInteger();

        // when it is asked for twice, then another version, then it again
        assertThat(forms.get(without, () -> { reads.incrementAndGet(); return null; })).isNull();
        assertThat(forms.get(without, () -> { reads.incrementAndGet(); return null; })).isNull();
        forms.get(version("c".repeat(64)), () -> new byte[] {1});
        forms.get(without, () -> { reads.incrementAndGet(); return null; });

        // then it was read once while kept, and again once the other version had taken its place
        assertThat(reads).hasValue(2);
    }
}

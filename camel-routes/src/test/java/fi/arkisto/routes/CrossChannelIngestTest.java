package fi.arkisto.routes;

import fi.arkisto.routes.testsupport.ArchiveQueries;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import fi.arkisto.routes.testsupport.Messages;
import fi.arkisto.routes.testsupport.RealSampleThroughTheQueue;
import fi.arkisto.store.message.IngestMetrics;
import fi.arkisto.store.message.MultipartRelatedWriter;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = RoutesTestApplication.class)
@ContextConfiguration(initializers = IngestTestEnvironment.Local.class)
class CrossChannelIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    DataSource dataSource;
    @Autowired
    IngestMetrics metrics;

    @Test
    void theRealSampleThroughTheQueueAndThenTheFileDropIsArchivedOnceAndThenADuplicate() throws Exception {
        // given the real frame K with the real document S, archived through the queue (once per test JVM, exactly
        // ARCHIVED with an AA acknowledgement the first time: RealSampleThroughTheQueue)
        ArchiveQueries archive = new ArchiveQueries(dataSource);
        RealSampleThroughTheQueue.archivedOnce(IngestTestEnvironment.local(), WAIT);
        double duplicates = metrics.count("arkisto.ingest.duplicates", IngestChannel.FILE);

        // when the same submission arrives through the file drop
        Path inbox = IngestTestEnvironment.local().inbox();
        String name = "sample-" + UUID.randomUUID() + ".mime";
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.write(tmp, MultipartRelatedWriter.writeMessage(Messages.sampleFrame(), Messages.sampleDocument(),
                Messages.SAMPLE_ATTACHMENT_ID));
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);

        // then it is accepted as a duplicate, and the archive holds the sample once
        await(name + " is done").atMost(WAIT).until(() -> Files.exists(inbox.resolve("done").resolve(name)));
        assertThat(metrics.count("arkisto.ingest.duplicates", IngestChannel.FILE)).isEqualTo(duplicates + 1);
        assertThat(archive.versions(KantaSamples.SAMPLE_OID)).isEqualTo(1);
        assertThat(archive.rejections(name)).isZero();
    }
}

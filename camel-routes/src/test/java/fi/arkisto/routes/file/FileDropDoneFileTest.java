package fi.arkisto.routes.file;

import fi.arkisto.routes.RoutesTestApplication;
import fi.arkisto.routes.testsupport.ArchiveQueries;
import fi.arkisto.routes.testsupport.IngestTestEnvironment;
import fi.arkisto.routes.testsupport.Messages;
import fi.arkisto.store.message.MultipartRelatedWriter;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file drop with {@code arkisto.ingest.file.read-lock=done-file}: an exporter that cannot write under a temporary
 * name signals a complete file with a {@code <name>.ready} marker. Its own inbox and no queue consumers, so neither
 * this context nor the other tests' cached contexts in the same JVM take each other's files or messages.
 */
@SpringBootTest(classes = RoutesTestApplication.class)
class FileDropDoneFileTest {

    private static final Path INBOX = createInbox();

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IngestTestEnvironment.local().properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("arkisto.ingest.file.inbox", INBOX::toString);
        registry.add("arkisto.ingest.file.read-lock", () -> "done-file");
        // the queue tests' context consumes the environment's queues; a second consumer here would take their messages
        registry.add("arkisto.ingest.queue.enabled", () -> "false");
    }

    @AfterAll
    static void removeInbox() throws IOException {
        FileSystemUtils.deleteRecursively(INBOX);
    }

    @Test
    void takesAFileOnlyOnceItsReadyMarkerExistsAndRemovesTheMarkerAfterArchiving() throws IOException {
        // given a message file written in place, without its marker
        String oid = KantaSamples.newOid();
        String client = KantaSamples.newTestIdentityCode();
        byte[] document = KantaSamples.document().oid(oid).client(client).build();
        String name = "message-" + UUID.randomUUID() + ".mime";
        Files.write(INBOX.resolve(name),
                MultipartRelatedWriter.writeMessage(Messages.frameFor(oid, client), document, Messages.SAMPLE_ATTACHMENT_ID));
        ArchiveQueries archive = new ArchiveQueries(dataSource);

        // then several polls leave it where it is, unarchived
        await("polls pass").pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(INBOX.resolve(name)).exists();
        assertThat(archive.versions(oid)).isZero();

        // when the exporter writes the marker
        Files.createFile(INBOX.resolve(name + ".ready"));

        // then the file is archived and moved to done/, and the marker is gone
        await(name + " is in done/").atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(INBOX.resolve(FileDropProcessor.DONE).resolve(name)));
        assertThat(archive.versions(oid)).isEqualTo(1);
        await("the marker is removed").atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(INBOX.resolve(name + ".ready")));
        assertThat(INBOX.resolve(name)).doesNotExist();
    }

    private static Path createInbox() {
        try {
            return Files.createTempDirectory("arkisto-inbox-done-file-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package fi.arkisto.routes.file;

import fi.arkisto.routes.common.ChannelFailureHandler;
import fi.arkisto.routes.common.IngestHeaders;
import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.message.Acknowledgement;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.message.SubmissionSource;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.rejection.PayloadFingerprint;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Takes one complete file from the inbox (docs/messages.md, "file drop"): fingerprints it while streaming, skips it
 * when the JDBC idempotent repository already holds its key (name, size, SHA-256: exactly once across restarts and
 * instances), archives it (a document, a MIME message, or a ZIP package entry by entry), records the key, and moves
 * it to {@code done/} or {@code rejected/} with a {@code .reason.json}. The key is recorded before the move, so a
 * crash between the two leaves a file that the next poll recognises and merely moves.
 */
class FileDropProcessor implements ChannelFailureHandler {

    static final String DONE = "done";
    static final String REJECTED = "rejected";
    private static final Logger log = LoggerFactory.getLogger(FileDropProcessor.class);

    private final MessageService messages;
    private final IngestProperties.File properties;
    private final IdempotentRepository processed;
    private final PackageIngest packages;

    FileDropProcessor(MessageService messages, IngestProperties.File properties, IdempotentRepository processed) {
        this.messages = messages;
        this.properties = properties;
        this.processed = processed;
        this.packages = new PackageIngest(messages, properties);
    }

    @Override
    public IngestChannel channel() {
        return IngestChannel.FILE;
    }

    /** First step of the route: channel facts and the streamed fingerprint, before any retry can happen. */
    void receive(Exchange exchange) {
        File file = file(exchange);
        exchange.setProperty(IngestHeaders.CHANNEL, IngestChannel.FILE);
        exchange.setProperty(IngestHeaders.SOURCE, file.getName());
        exchange.setProperty(IngestHeaders.RECEIVED_AT, Instant.now());
        exchange.setProperty(IngestHeaders.FINGERPRINT, fingerprint(file.toPath()));
    }

    void process(Exchange exchange) throws IOException {
        Path path = file(exchange).toPath();
        String name = path.getFileName().toString();
        Instant receivedAt = exchange.getProperty(IngestHeaders.RECEIVED_AT, Instant.class);
        PayloadFingerprint fingerprint = exchange.getProperty(IngestHeaders.FINGERPRINT, PayloadFingerprint.class);
        String key = name + ":" + fingerprint.size() + ":" + fingerprint.sha256();
        Path inbox = path.getParent();
        if (processed.contains(key)) {
            log.info("{} was already processed (same name, size and SHA-256): moved to {}/ unprocessed", name, DONE);
            move(path, inbox.resolve(DONE));
            return;
        }
        boolean rejected = ingest(path, name, receivedAt, fingerprint, inbox.resolve(REJECTED), inbox.resolve(DONE));
        processed.add(key);
        move(path, inbox.resolve(rejected ? REJECTED : DONE));
    }

    /** @return whether the file as a whole goes to rejected/ */
    private boolean ingest(Path path, String name, Instant receivedAt, PayloadFingerprint fingerprint,
                           Path rejectedDir, Path doneDir) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            try (SafePackage pkg = SafePackage.open(path, properties.limits())) {
                PackageIngest.Report report = packages.ingest(pkg, name, receivedAt, rejectedDir);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("file", name);
                json.put("sha256", fingerprint.sha256());
                json.put("outcomes", report.counts());
                json.put("rejected", report.rejected());
                ReasonFiles.writeJson(doneDir.resolve(name + ".report.json"), json);
                log.info("Package {}: {}", name, report.counts());
                return false;
            } catch (ArchiveException e) {
                return refuse(name, receivedAt, fingerprint, rejectedDir, e);
            }
        }
        if (!(lower.endsWith(".xml") || lower.endsWith(".mime") || lower.endsWith(".eml"))) {
            return refuse(name, receivedAt, fingerprint, rejectedDir, new ArchiveException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    name + " is neither a document (.xml), a MIME message (.mime, .eml) nor a ZIP package (.zip)"));
        }
        if (fingerprint.size() > properties.limits().maxEntryBytes()) {
            return refuse(name, receivedAt, fingerprint, rejectedDir, new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE,
                    name + " has " + fingerprint.size() + " bytes, over the limit " + properties.limits().maxEntryBytes()));
        }
        SubmissionSource source = new SubmissionSource(IngestChannel.FILE, name, null, receivedAt, null,
                properties.systemUser(), null);
        // the fingerprint taken while the file was first read is the document's SHA-256: not hashed again
        Acknowledgement ack = messages.submit(Files.readAllBytes(path), fingerprint, null, source);
        if (!ack.accepted()) {
            ReasonFiles.write(rejectedDir.resolve(name + ReasonFiles.SUFFIX), name, null,
                    ErrorCode.valueOf(ack.errorCode()), ack.details().get(0).text());
            return true;
        }
        return false;
    }

    private boolean refuse(String name, Instant receivedAt, PayloadFingerprint fingerprint, Path rejectedDir,
                           ArchiveException e) {
        messages.reject(fingerprint, new SubmissionSource(IngestChannel.FILE, name, null, receivedAt, null,
                properties.systemUser(), null), e);
        ReasonFiles.write(rejectedDir.resolve(name + ReasonFiles.SUFFIX), name, null, e.code(), e.detail());
        return true;
    }

    /** After the bounded retries: the file goes to rejected/ with its reason; a re-drop is processed afresh. */
    @Override
    public void failed(Exchange exchange, ArchiveException failure) throws IOException {
        Path path = file(exchange).toPath();
        String name = path.getFileName().toString();
        Path rejectedDir = path.getParent().resolve(REJECTED);
        ReasonFiles.write(rejectedDir.resolve(name + ReasonFiles.SUFFIX), name, null, failure.code(), failure.detail());
        if (Files.exists(path)) {
            move(path, rejectedDir);
        }
    }

    static Path move(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(file.getFileName());
        if (Files.exists(target)) {
            target = dir.resolve(file.getFileName() + "." + System.currentTimeMillis());
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static File file(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        if (body instanceof GenericFile<?> generic && generic.getFile() instanceof File file) {
            return file;
        }
        return exchange.getIn().getBody(File.class);
    }

    private static PayloadFingerprint fingerprint(Path path) {
        MessageDigest digest = PayloadFingerprint.newDigest();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        return new PayloadFingerprint(HexFormat.of().formatHex(digest.digest()), size);
    }
}

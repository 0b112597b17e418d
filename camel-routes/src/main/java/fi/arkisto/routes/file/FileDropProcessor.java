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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.AsyncTaskExecutor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Takes one complete file from the inbox (docs/messages.md, "file drop"): fingerprints it while streaming into its
 * key (name, size, SHA-256), which the route's idempotent consumer checks against the JDBC repository (exactly once
 * across restarts and instances); archives it (a document, a MIME message, or a ZIP package entry by entry), and
 * names where Camel moves it when the exchange completes: {@code done/} or {@code rejected/} with a
 * {@code .reason.json}. A file whose key is known is moved to {@code done/} unprocessed.
 */
class FileDropProcessor implements ChannelFailureHandler {

    static final String DONE = "done";
    static final String REJECTED = "rejected";
    /** Exchange property: the file's idempotency key, name, size and SHA-256. */
    static final String KEY = "arkistoFileKey";
    /** Exchange property: where Camel moves the file, relative to the inbox. */
    static final String TARGET = "arkistoFileTarget";
    private static final Logger log = LoggerFactory.getLogger(FileDropProcessor.class);

    private final MessageService messages;
    private final IngestProperties.File properties;
    private final PackageIngest packages;

    FileDropProcessor(MessageService messages, IngestProperties.File properties, AsyncTaskExecutor packageWorkers) {
        this.messages = messages;
        this.properties = properties;
        this.packages = new PackageIngest(messages, properties, packageWorkers);
    }

    @Override
    public IngestChannel channel() {
        return IngestChannel.FILE;
    }

    /** First step of the route: channel facts and the streamed fingerprint, before any retry can happen. */
    void receive(Exchange exchange) {
        File file = file(exchange);
        // until a verdict says otherwise, a file that cannot be taken goes aside
        exchange.setProperty(TARGET, target(file.toPath(), REJECTED));
        exchange.setProperty(IngestHeaders.CHANNEL, IngestChannel.FILE);
        exchange.setProperty(IngestHeaders.SOURCE, file.getName());
        exchange.setProperty(IngestHeaders.RECEIVED_AT, Instant.now());
        PayloadFingerprint fingerprint = fingerprint(file.toPath());
        exchange.setProperty(IngestHeaders.FINGERPRINT, fingerprint);
        exchange.setProperty(KEY, file.getName() + ":" + fingerprint.size() + ":" + fingerprint.sha256());
    }

    void process(Exchange exchange) throws IOException {
        Path path = file(exchange).toPath();
        String name = path.getFileName().toString();
        Instant receivedAt = exchange.getProperty(IngestHeaders.RECEIVED_AT, Instant.class);
        PayloadFingerprint fingerprint = exchange.getProperty(IngestHeaders.FINGERPRINT, PayloadFingerprint.class);
        Path inbox = path.getParent();
        if (exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class)) {
            log.info("{} was already processed (same name, size and SHA-256): moved to {}/ unprocessed", name, DONE);
            exchange.setProperty(TARGET, target(path, DONE));
            return;
        }
        boolean rejected = ingest(path, name, receivedAt, fingerprint, inbox.resolve(REJECTED), inbox.resolve(DONE));
        exchange.setProperty(TARGET, target(path, rejected ? REJECTED : DONE));
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
        exchange.setProperty(TARGET, target(path, REJECTED));
    }

    /**
     * Where Camel moves the file (relative to the inbox): {@code dir/<name>}, or with a time suffix when a file of
     * that name is already there (a re-drop keeps both, Camel would replace it).
     */
    static String target(Path file, String dir) {
        String name = file.getFileName().toString();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent.resolve(dir).resolve(name))) {
            name = name + "." + System.currentTimeMillis();
        }
        return dir + "/" + name;
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

package fi.arkisto.app.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.app.support.HostileDocuments;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.EarlierRelease;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser (Debian's Chromium, headless, through /usr/bin/chromedriver) opens what the archive serves and no
 * request leaves the page. The documents are the worst the archive could hold: stored as an earlier release would
 * have stored them, before the archiving checks that refuse them existed, so that what keeps them inert is the
 * serving headers alone. Every script, image, style sheet, frame and refresh in them points at a local listener;
 * the listener and the browser's own network log (the DevTools performance log) must both stay silent. Controls: the
 * same bytes served by the listener without the archive's headers do reach it, so the test can fail; with the
 * archive's Content-Security-Policy but shown inline instead of downloaded, they still do not. Screenshots are kept
 * under {@code target/browser-test/}.
 *
 * <p>A failsafe integration test: it drives a browser process, which the unit test run should not need. It skips,
 * saying why, only where Chromium or its driver is not installed ({@code .ci/run} installs both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServedDocumentsInBrowserIT extends ApiIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path ARTEFACTS = Path.of("target", "browser-test");
    private static final Duration SETTLE = Duration.ofMillis(2500);
    private static final RequestContext OWNER = new RequestContext(Oid.of(CONTROLLER), "test-professional", "1");

    @Autowired
    ObjectStore objects;
    @Autowired
    DataSource dataSource;

    private HttpServer listener;
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private ChromeDriver browser;
    private Path downloads;

    private record Replay(byte[] body, Map<String, String> headers) {
    }

    @BeforeAll
    void startBrowserAndListener() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "Chromium (" + CHROMIUM
                + ") or its driver (" + CHROMEDRIVER + ") is not installed: apt-get install chromium chromium-driver "
                + "(.ci/run does) to run the browser test");
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Replay replay = replays.get(path);
            if (replay == null) {
                if (!path.equals("/favicon.ico")) {
                    // the browser's own request for a page's icon is not the page's
                    hits.add(path);
                }
                exchange.sendResponseHeaders(204, -1);
            } else {
                replay.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.sendResponseHeaders(200, replay.body().length);
                exchange.getResponseBody().write(replay.body());
            }
            exchange.close();
        });
        listener.start();

        Files.createDirectories(ARTEFACTS);
        downloads = Files.createDirectories(ARTEFACTS.resolve("downloads").toAbsolutePath());
        // a file an earlier run downloaded must not stand in for this run's
        try (var earlier = Files.list(downloads)) {
            for (Path file : earlier.toList()) {
                Files.delete(file);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1000,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver is the one Debian installs: Selenium Manager never looks for (or downloads) another
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(
                "Authorization", basic(OWN_CLIENT, PASSWORD), "X-Organisation-Oid", CONTROLLER,
                "X-User-Id", "browser-test", "X-Purpose-Of-Use", "1")));
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (listener != null) {
            listener.stop(0);
        }
    }

    @BeforeEach
    void nothingHeardYet() {
        hits.clear();
    }

    @Test
    void anOriginalWithScriptsOutsideItsDisplayFormIsDownloadedAndRunsNothing() throws IOException {
        // given a document with XHTML and SVG scripts, an image and a style sheet instruction in its header
        byte[] hostile = HostileDocuments.withActiveHeader(signed(derivedDocument()), target());
        String oid = EarlierRelease.archived(hostile, OWNER, objects, dataSource).oid().value();
        String url = uri("/api/v1/documents/" + oid).toString();

        // when the browser opens the original
        Requests requests = open(url, "original");

        // then it arrived as a file, byte for byte, and no request left for anything it names
        assertThat(awaitDownload(oid + ".xml")).isEqualTo(hostile);
        assertThat(hits).isEmpty();
        assertThat(requests.sent()).containsOnly(url);

        // and with the archive's headers but shown inline (as a client system might), the sandbox holds: nothing runs
        HttpResponse<byte[]> served = send(asOwnClient("/api/v1/documents/" + oid).GET().build());
        assertThat(served.body()).isEqualTo(hostile);
        String inline = replay("/inline-original", served, "Content-Disposition");
        assertThat(open(inline, "original-inline-with-archive-policy").sent()).containsOnly(inline);
        assertThat(hits).isEmpty();

        // control: the same bytes without the archive's headers do reach the listener (the style sheet instruction
        // first; without it, the XHTML and SVG scripts and images)
        String bare = replay("/bare-original", served.body(), Map.of("Content-Type", "application/xml"));
        open(bare, "original-control-without-headers");
        assertThat(hits).as("the hostile original is live without the headers").contains("/original-xslt");
        hits.clear();
        byte[] withoutInstruction = new String(served.body(), StandardCharsets.UTF_8)
                .replaceFirst("<\\?xml-stylesheet[^>]*\\?>", "").getBytes(StandardCharsets.UTF_8);
        String bareElements = replay("/bare-original-elements", withoutInstruction, Map.of("Content-Type", "application/xml"));
        open(bareElements, "original-control-without-headers-or-stylesheet");
        assertThat(hits).as("its scripts run without the headers").contains("/original-script", "/original-image");
        hits.clear();
    }

    @Test
    void aDisplayFormThatFetchesEverywhereIsShownAndFetchesNothing() {
        // given a display form with a script, images, an imported and a linked style sheet, a frame and a refresh
        byte[] form = HostileDocuments.activeDisplayForm(target());
        byte[] document = HostileDocuments.withDisplayForm(signed(derivedDocument()), form, "application/xhtml+xml");
        String oid = EarlierRelease.archived(document, OWNER, objects, dataSource).oid().value();
        String url = uri("/api/v1/documents/" + oid + "/display").toString();

        // when the browser shows it
        Requests requests = open(url, "display-form");

        // then it is shown (its heading is on the page) and nothing was fetched: what it asked for, the browser refused
        assertThat(browser.getPageSource()).contains("Päätös");
        assertThat(hits).isEmpty();
        assertThat(requests.sent()).containsOnly(url);
        assertThat(requests.blocked()).contains(target() + "/display-image", target() + "/display-css");

        // control: the same bytes as XHTML without the archive's policy fetch from the listener
        String bare = replay("/bare-display", form, Map.of("Content-Type", "application/xhtml+xml;charset=UTF-8"));
        open(bare, "display-form-control-without-policy");
        assertThat(hits).as("the hostile display form is live without the policy").isNotEmpty()
                .contains("/display-image");
        hits.clear();
    }

    @Test
    void pdfsRenderedOrArchivedAreDownloadedAndReachNothing() throws IOException {
        // given the sample (its display form rendered to PDF on request) and a PDF display form with JavaScript
        sampleIsArchived();
        byte[] pdf = HostileDocuments.activePdf(target());
        byte[] document = HostileDocuments.withDisplayForm(signed(derivedDocument()), pdf, "application/pdf");
        String oid = EarlierRelease.archived(document, OWNER, objects, dataSource).oid().value();

        // when the browser opens each
        String rendered = uri("/api/v1/documents/" + SAMPLE_OID + "/display?format=pdf").toString();
        assertThat(open(rendered, "pdf-rendered").sent()).containsOnly(rendered);
        assertThat(new String(awaitDownload(SAMPLE_OID + ".pdf"), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String archived = uri("/api/v1/documents/" + oid + "/display").toString();
        assertThat(open(archived, "pdf-archived-with-javascript").sent()).containsOnly(archived);

        // then each arrived as a file and nothing left for what the PDF names
        assertThat(awaitDownload(oid + ".pdf")).isEqualTo(pdf);
        assertThat(hits).isEmpty();
    }

    // ---- browser ----------------------------------------------------------------------------------

    /**
     * What the browser's DevTools network log says of one navigation: the network requests it sent (http and ws
     * URLs that it did not block itself; data: URLs never leave the page), and those the page asked for but the
     * browser refused (blocked by the Content-Security-Policy, the sandbox...). Favicon requests are the browser's,
     * not the page's, and left out.
     */
    private record Requests(List<String> sent, List<String> blocked) {
    }

    /** Opens the URL, lets scripts, refreshes and fetches run, keeps a screenshot, and reads the network log. */
    private Requests open(String url, String name) {
        browser.manage().logs().get(LogType.PERFORMANCE);
        try {
            browser.get(url);
        } catch (WebDriverException e) {
            // a download ends the navigation with net::ERR_ABORTED in some versions; the page stays where it was
            assertThat(e.getMessage()).contains("ERR_ABORTED");
        }
        try {
            Thread.sleep(SETTLE.toMillis());
            Files.write(ARTEFACTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        Map<String, String> blockedBy = new java.util.HashMap<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = readJson(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            switch (message.path("method").asText()) {
                case "Network.requestWillBeSent" -> {
                    String requestUrl = params.path("request").path("url").asText();
                    if (!requestUrl.startsWith("data:") && !requestUrl.endsWith("/favicon.ico")) {
                        urls.put(params.path("requestId").asText(), requestUrl);
                    }
                }
                case "Network.loadingFailed" -> {
                    if (!params.path("blockedReason").asText().isEmpty()) {
                        blockedBy.put(params.path("requestId").asText(), params.path("blockedReason").asText());
                    }
                }
                default -> {
                }
            }
        }
        List<String> sent = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        urls.forEach((id, requestUrl) -> (blockedBy.containsKey(id) ? blocked : sent).add(requestUrl));
        return new Requests(sent, blocked);
    }

    private byte[] awaitDownload(String fileName) throws IOException {
        Path file = downloads.resolve(fileName);
        await("the browser downloads " + fileName + " into " + downloads).atMost(Duration.ofSeconds(20))
                .until(() -> Files.isRegularFile(file) && Files.size(file) > 0);
        return Files.readAllBytes(file);
    }

    // ---- listener ---------------------------------------------------------------------------------

    private String target() {
        return "http://127.0.0.1:" + listener.getAddress().getPort();
    }

    /** Serves the archive's response from the listener with its headers, less those named. */
    private String replay(String path, HttpResponse<byte[]> response, String... without) {
        Map<String, String> headers = new java.util.HashMap<>();
        response.headers().map().forEach((name, values) -> {
            boolean dropped = java.util.Arrays.stream(without).anyMatch(name::equalsIgnoreCase)
                    || List.of("content-length", "transfer-encoding", "date", "connection").contains(name.toLowerCase());
            if (!dropped) {
                headers.put(name, values.get(0));
            }
        });
        return replay(path, response.body(), headers);
    }

    private String replay(String path, byte[] body, Map<String, String> headers) {
        replays.put(path, new Replay(body, headers));
        return target() + path;
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

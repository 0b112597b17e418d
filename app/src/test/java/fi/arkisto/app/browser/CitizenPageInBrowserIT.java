package fi.arkisto.app.browser;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.springframework.test.context.ActiveProfiles;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The citizen's page {@code /oma/} in a real browser (Debian's Chromium, headless, through /usr/bin/chromedriver)
 * against the whole application in the dev profile (docs/running.md, "The citizen's page"): documents archived for a
 * test identity code through the client systems' API, a professional's read of them, then the citizen signing in on
 * the dev login, seeing the documents by service task, opening a display form and its PDF, the "who has used my data"
 * list, Swedish, the keyboard, and a phone's width. A few accessibility checks of axe's kind run in the page itself.
 * Screenshots are kept under {@code target/browser-screenshots/}.
 *
 * <p>A failsafe integration test; it skips, saying why, only where Chromium or its driver is not installed.
 */
@ActiveProfiles("dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitizenPageInBrowserIT extends ApiIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);

    private ChromeDriver browser;
    private Path downloads;

    @BeforeAll
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "Chromium (" + CHROMIUM
                + ") or its driver (" + CHROMEDRIVER + ") is not installed: apt-get install chromium chromium-driver "
                + "(.ci/run does) to run the browser test");
        Files.createDirectories(SCREENSHOTS);
        downloads = Files.createDirectories(SCREENSHOTS.resolve("downloads").toAbsolutePath());
        try (var earlier = Files.list(downloads)) {
            for (Path file : earlier.toList()) {
                Files.delete(file);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1000,900");
        // the driver is the one Debian installs: Selenium Manager never looks for (or downloads) another
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String archiveAs(String organisation, KantaSamples.Builder document) {
        HttpResponse<byte[]> archived = send(asOrganisation("/api/v1/documents", organisation)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedFor(organisation, document))).build());
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        return document.oidValue();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private WebElement visible(String css) {
        await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector(css)).isEmpty()
                && browser.findElement(By.cssSelector(css)).isDisplayed());
        return browser.findElement(By.cssSelector(css));
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Axe-like checks in the page: the language set, one h1, no skipped heading level, every control and frame named,
     * and the contrast of every visible text.
     */
    @SuppressWarnings("unchecked")
    private List<String> accessibilityProblems() {
        return (List<String>) js("""
                var problems = [];
                if (!document.documentElement.lang) problems.push('no lang on html');
                if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
                var last = 0;
                document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(function (h) {
                  if (!h.offsetParent && h.tagName !== 'H1') return;
                  var level = +h.tagName.substring(1);
                  if (level > last + 1) problems.push('heading level skipped at ' + h.textContent);
                  last = level;
                });
                document.querySelectorAll('input, select, textarea').forEach(function (input) {
                  var labelled = (input.id && document.querySelector('label[for="' + input.id + '"]'))
                    || input.getAttribute('aria-label') || input.getAttribute('aria-labelledby');
                  if (!labelled) problems.push('input without label: ' + (input.id || input.name));
                });
                document.querySelectorAll('img').forEach(function (img) {
                  if (!img.hasAttribute('alt')) problems.push('image without alt: ' + img.src);
                });
                document.querySelectorAll('button, a[href]').forEach(function (control) {
                  var name = control.getAttribute('aria-label') || control.textContent.trim();
                  if (!name) problems.push('control without a name: ' + control.outerHTML);
                });
                document.querySelectorAll('iframe').forEach(function (frame) {
                  if (!frame.title) problems.push('frame without title');
                });
                // text contrast (WCAG 1.4.3): 4.5:1, large text 3:1, against the nearest opaque background
                function rgb(c) { var m = c.match(/[\\d.]+/g).map(Number); return m; }
                function lum(c) {
                  return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
                  function ch(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
                }
                function background(e) {
                  for (; e; e = e.parentElement) {
                    var c = rgb(getComputedStyle(e).backgroundColor);
                    if (c.length < 4 || c[3] > 0) return c;
                  }
                  return [255, 255, 255];
                }
                document.querySelectorAll('body *').forEach(function (e) {
                  var own = Array.prototype.some.call(e.childNodes, function (n) {
                    return n.nodeType === 3 && n.textContent.trim();
                  });
                  if (!own || !e.offsetParent && e.tagName !== 'BODY') return;
                  var style = getComputedStyle(e), size = parseFloat(style.fontSize);
                  var large = size >= 24 || (size >= 18.66 && +style.fontWeight >= 700);
                  var a = lum(rgb(style.color)), b = lum(background(e));
                  var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                  if (ratio < (large ? 3 : 4.5)) problems.push('contrast ' + ratio.toFixed(2) + ' of ' + e.textContent.trim());
                });
                return problems;""");
    }

    /** The ids (or classes) of the controls that Tab reaches from the top of the page, in order, and their outlines. */
    @SuppressWarnings("unchecked")
    private List<String> tabOrder(int presses) {
        // from the first control, the skip link; past the last one focus leaves the page (BODY): the end
        js("window.scrollTo(0, 0); document.querySelector('.skip').focus();");
        List<String> reached = new ArrayList<>(List.of("skip"));
        for (int i = 0; i < presses; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            Map<String, Object> focused = (Map<String, Object>) js("""
                    var e = document.activeElement, style = getComputedStyle(e);
                    return {name: e.id || e.className || e.tagName, outline: style.outlineStyle,
                            width: style.outlineWidth};""");
            if (focused.get("name").equals("BODY")) {
                break;
            }
            reached.add(String.valueOf(focused.get("name")));
            assertThat(focused.get("outline")).as("focus visible on " + focused.get("name") + " after " + reached)
                    .isNotEqualTo("none");
        }
        return reached;
    }

    @Test
    void aCitizenSignsInSeesTheirDocumentsByServiceTaskOpensOneAndSeesWhoHasUsedTheirData() throws IOException {
        // given a citizen's client relationship document and a document of service task 21 in an organisation's
        // register, and its professional's read of the relationship document
        String organisation = newOrganisation();
        String citizen = KantaSamples.newTestIdentityCode();
        String relationship = archiveClientRelationship(organisation, citizen, JANUARY, null);
        String report = archiveAs(organisation, derivedDocument().client(citizen).controller(organisation)
                .serviceTask("21").effectiveTime("20260301120000+0200"));
        HttpResponse<byte[]> read = send(asOrganisation("/api/v1/documents/" + relationship + "/metadata",
                organisation).setHeader("X-User-Id", "worker-in-browser-test").GET().build());
        assertThat(read.statusCode()).as(text(read)).isEqualTo(200);

        // when the citizen opens the page: the dev login, in Finnish, accessible
        browser.manage().window().setSize(new Dimension(1000, 900));
        browser.get(uri("/oma/").toString());
        WebElement hetu = visible("#hetu");
        assertThat(js("return document.documentElement.lang")).isEqualTo("fi");
        assertThat(accessibilityProblems()).isEmpty();
        // (control: the checks do see a pale text and an unlabelled field)
        js("var p = document.createElement('p'); p.id = 'control-text'; p.style.color = '#999999';"
                + "p.textContent = 'pale'; var i = document.createElement('input'); i.id = 'control-input';"
                + "document.getElementById('main').append(p, i);");
        assertThat(accessibilityProblems()).anyMatch(problem -> problem.startsWith("contrast 2.8"))
                .contains("input without label: control-input");
        js("document.getElementById('control-text').remove(); document.getElementById('control-input').remove();");
        assertThat(tabOrder(4)).containsSubsequence("skip", "lang-fi", "lang-sv", "hetu");

        // a wrong check character is refused in the form, named on the field
        String wrong = citizen.substring(0, 10) + (citizen.charAt(10) == 'A' ? 'B' : 'A');
        hetu.sendKeys(wrong, Keys.ENTER);
        assertThat(visible("#hetu-error").getText()).contains("tarkistusmerkki");
        assertThat(hetu.getAttribute("aria-invalid")).isEqualTo("true");

        // and signing in with the keyboard shows the documents grouped by service task
        hetu.clear();
        hetu.sendKeys(citizen, Keys.ENTER);
        visible("li.document[data-oid='" + report + "']");
        visible("li.document[data-oid='" + relationship + "']");
        List<WebElement> groups = browser.findElements(By.cssSelector("#groups section.service-task"));
        assertThat(groups).hasSizeGreaterThanOrEqualTo(2);
        WebElement reportGroup = browser.findElement(By.cssSelector("li.document[data-oid='" + report + "']"))
                .findElement(By.xpath("ancestor::section[1]"));
        assertThat(reportGroup.findElements(By.cssSelector("li.document"))).hasSize(1);
        assertThat(reportGroup.findElement(By.tagName("h3")).getText()).isNotBlank();
        assertThat(browser.findElement(By.cssSelector("li.document[data-oid='" + report + "']")).getText())
                .contains("1.3.2026", "Voimassa");
        assertThat(accessibilityProblems()).isEmpty();
        assertThat(tabOrder(12)).containsSubsequence("lang-fi", "lang-sv", "logout", "view", "secondary pdf", "view",
                "secondary pdf", "log-open");
        screenshot("oma");

        // when the citizen opens the report's display form: shown from the API in the sandboxed frame
        browser.findElement(By.cssSelector("li.document[data-oid='" + report + "'] button.view")).sendKeys(Keys.ENTER);
        WebElement frame = visible("#display-frame");
        await().atMost(WAIT).until(() -> String.valueOf(frame.getAttribute("src")).startsWith("blob:"));
        browser.switchTo().frame(frame);
        await().atMost(WAIT).until(() -> String.valueOf(js("return document.documentElement "
                + "? document.documentElement.textContent : ''")).contains(citizen.substring(0, 6)));
        browser.switchTo().defaultContent();
        assertThat(frame.getAttribute("sandbox")).isEmpty();
        screenshot("oma-display");
        // and its PDF for printing, fetched with the token
        browser.findElement(By.id("viewer-pdf")).click();
        Path pdf = downloads.resolve(report + ".pdf");
        await().atMost(WAIT).until(() -> Files.isRegularFile(pdf) && Files.size(pdf) > 5);
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");

        // when the citizen opens "who has used my data": the organisation's read with its basis, no professional
        browser.findElement(By.id("log-open")).click();
        visible("#log-list li");
        String log = browser.findElement(By.id("log-list")).getText();
        assertThat(log).contains(organisation, "Asiakirjan tietojen luku", "Oma rekisteri", relationship,
                "Asiakirjan tallennus");
        assertThat(log).doesNotContain("worker-in-browser-test");
        assertThat(browser.findElement(By.id("log-open")).getAttribute("aria-expanded")).isEqualTo("true");

        // and in Swedish the headings and the log are Swedish
        browser.findElement(By.id("lang-sv")).click();
        assertThat(js("return document.documentElement.lang")).isEqualTo("sv");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mina handlingar inom socialvården");
        assertThat(browser.findElement(By.id("documents-heading")).getText()).isEqualTo("Mina handlingar per serviceuppgift");
        assertThat(browser.findElement(By.id("log-heading")).getText()).isEqualTo("Vem har använt mina uppgifter");
        assertThat(browser.findElement(By.id("log-list")).getText()).contains("Läsning av handlingens uppgifter",
                "Eget register");
        assertThat(browser.findElement(By.id("lang-sv")).getAttribute("lang")).isEqualTo("sv");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Användningsuppgifterna har hämtats.");
        assertThat(accessibilityProblems()).isEmpty();
        screenshot("oma-sv");

        // and on a phone's width nothing scrolls sideways
        browser.manage().window().setSize(new Dimension(360, 800));
        await().atMost(WAIT).until(() -> ((Number) js("return window.innerWidth")).intValue() <= 400);
        assertThat(((Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .intValue()).as("horizontal overflow at a phone's width").isLessThanOrEqualTo(0);
        screenshot("oma-phone");
    }

    @Test
    void theDevLoginSignsTestIdentityCodesOnlyAndItsTokenOpensTheCitizenApi() {
        String citizen = KantaSamples.newTestIdentityCode();
        String real = "010190-123" + PersonalIdentityCode.checkCharacterFor("010190123");
        String wrong = citizen.substring(0, 10) + (citizen.charAt(10) == 'A' ? 'B' : 'A');

        // a real person's code and a code with a wrong check character get no token
        assertProblem(login(real), 422, "CITIZEN_DEV_LOGIN_REAL_IDENTITY_CODE");
        assertProblem(login(wrong), 422, "INVALID_IDENTITY_CODE");
        assertProblem(send(HttpRequest.newBuilder(uri("/oma/dev-login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 400, "INVALID_REQUEST");

        // a test code's token is one the citizen API trusts
        HttpResponse<byte[]> signed = login(citizen);
        assertThat(signed.statusCode()).as(text(signed)).isEqualTo(200);
        JsonNode answer = json(signed);
        HttpResponse<byte[]> documents = send(withBearer("/api/v1/citizen/documents", answer.path("token").asText())
                .GET().build());
        assertThat(documents.statusCode()).as(text(documents)).isEqualTo(200);
        assertThat(answer.path("expiresAt").asText()).isNotEmpty();
    }

    private HttpResponse<byte[]> login(String identityCode) {
        return send(HttpRequest.newBuilder(uri("/oma/dev-login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identityCode\": \"" + identityCode + "\"}")).build());
    }
}

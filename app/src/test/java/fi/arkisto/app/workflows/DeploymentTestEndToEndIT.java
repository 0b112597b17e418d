package fi.arkisto.app.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.deployment.TestCaseCatalogue;
import fi.arkisto.testkit.generator.TestCaseDocuments;
import fi.arkisto.store.organisation.KantaFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment test through the running application: a client system, acting as the organisation, registers the
 * deployment over the REST API, sends the test case documents (signed by the test PKI) during the window, and the
 * process ends with the functions in use; the coordinators, archivists and the deployment lead work their tasks, in
 * the second test the coordinator approves in the Camunda tasklist in Chromium.
 */
class DeploymentTestEndToEndIT extends ApiIntegrationTest {

    /** "Vantaan sosiaali- ja terveystoimi" of the reference data, here given the OID of the sample's controller. */
    private static final long ORGANISATION = 24;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * The tasklist has taken the claim when it shows the user as the assignee, has lifted the form's disabled layer,
     * and has moved the focus to the assignee field at the top of the task pane: it does that last (in a timeout after
     * reloading the task), and the focus scrolls the pane, so an element scrolled into view before it moves away from
     * under the click.
     */
    private static final String CLAIM_TAKEN = """
            const assignee = document.querySelector('[cam-tasklist-task-meta] [cam-widget-inline-field][value="assignee.id"]');
            return assignee !== null && assignee.textContent.includes(arguments[0])
                && document.activeElement === assignee
                && document.querySelector('[cam-tasklist-form] .fjs-container') !== null
                && document.querySelector('[cam-tasklist-form] .disabled-form') === null;
            """;
    /** Scrolls the element to the middle of its pane and answers whether its centre point hits it. */
    private static final String UNCOVERED = """
            const element = arguments[0];
            element.scrollIntoView({block: 'center'});
            const box = element.getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return hit !== null && (hit === element || element.contains(hit));
            """;

    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;

    @Test
    void theClientSystemsTestCaseDuringTheWindowEndsWithTheFunctionsInUse() {
        // given a registered, accepted and scheduled deployment whose window opened
        String processInstance = registerAndRunTestCase(List.of("PROFESSIONAL_SIGNATURES", "STRUCTURED_DOCUMENTS"));

        // when the coordinator approves
        complete(processInstance, "Task_ApproveDeployment", COORDINATOR, Map.of("deploymentApproved", true));
        executeJob(processInstance);

        // then the process ended and the registry shows the functions in use from the planned start date
        assertFunctionsInUse(processInstance, Set.of("PROFESSIONAL_SIGNATURES", "STRUCTURED_DOCUMENTS"));
    }

    @Test
    void theCoordinatorApprovesInTheTasklist() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver (.ci/run installs them)");
        String processInstance = registerAndRunTestCase(List.of("SHARING"));
        Task approval = tasks.createTaskQuery().processInstanceId(processInstance).taskDefinitionKey("Task_ApproveDeployment")
                .singleResult();
        assertThat(approval).isNotNull();

        WebDriver browser = chromium();
        try {
            // the coordinator signs in to the tasklist and opens the approval task
            browser.get("http://127.0.0.1:" + port + "/camunda/app/tasklist/default/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type='text']")))
                    .sendKeys(COORDINATOR);
            browser.findElement(By.cssSelector("input[type='password']")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("button[type='submit']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tasks-list, [cam-tasklist-tasks]")));
            browser.get("http://127.0.0.1:" + port + "/camunda/app/tasklist/default/#/?task=" + approval.getId());

            // claims it, reads the findings, ticks the approval and completes the form
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[cam-tasklist-task-meta] .claim"))).click();
            wait.withMessage("the tasklist to take the claim: the form enabled, the focus on the assignee")
                    .until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(CLAIM_TAKEN, COORDINATOR));
            WebElement approve = browser.findElement(By.cssSelector("input[type='checkbox'][id$='Field_deploymentApproved']"));
            assertThat(browser.getPageSource()).contains("Hyväksyn käyttöönoton (muuten uusi testi) / I approve the deployment (otherwise a re-test)");
            assertThat(browser.findElement(By.cssSelector("textarea[id$='Field_verificationSummary']")).getDomProperty("value"))
                    .startsWith("HYVÄKSYTTY / PASSED");
            click(wait, approve);
            assertThat(approve.isSelected()).isTrue();
            screenshot(browser, "tasklist-approval-form.png");
            click(wait, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']"))));
            wait.until(driver -> tasks.createTaskQuery().taskId(approval.getId()).count() == 0);
            screenshot(browser, "tasklist-approval-completed.png");
        } catch (RuntimeException | AssertionError e) {
            screenshot(browser, "tasklist-approval-failure.png");
            throw e;
        } finally {
            browser.quit();
        }

        // then the approval by the coordinator in the tasklist put the function in use
        assertThat(management.createJobQuery().processInstanceId(processInstance).count()).isEqualTo(1);
        executeJob(processInstance);
        assertFunctionsInUse(processInstance, Set.of("SHARING"));
    }

    // ---- the path up to the approval ---------------------------------------------------------

    private String registerAndRunTestCase(List<String> functions) {
        LocalDate plannedStart = LocalDate.now(ZoneId.of("Europe/Helsinki")).plusDays(30);
        HttpResponse<byte[]> registered = send(asOwnClient("/api/v1/deployment-tests").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("organisationId", ORGANISATION, "organisationOid", CONTROLLER,
                        "functions", functions, "system", Map.of("product", "Sosiaalitieto", "version", "5.2",
                                "vendor", "Testitoimittaja Oy"), "plannedStart", plannedStart.toString(),
                        "deploymentLead", DEPLOYMENT_LEAD)))).build());
        assertThat(registered.statusCode()).as(text(registered)).isEqualTo(201);
        JsonNode test = json(registered);
        String processInstance = test.path("processInstanceId").asText();
        assertThat(test.path("businessKey").asText()).startsWith("deployment-test:" + CONTROLLER + ":");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(test.path("businessKey").asText())
                .singleResult().getId()).isEqualTo(processInstance);

        complete(processInstance, "Task_ReviewRegistration", COORDINATOR, Map.of("registrationAccepted", true));
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Helsinki"));
        complete(processInstance, "Task_ScheduleTestWindow", COORDINATOR, Map.of("windowStart", now.toString(),
                "windowEnd", now.plusHours(2).toString(), "testIdentityCount", 2L));
        // the window's timer, run now rather than waited for
        executeJob(processInstance);
        JsonNode scheduled = json(send(asOwnClient("/api/v1/deployment-tests/" + test.path("id").asText()).GET().build()));
        assertThat(scheduled.path("state").asText()).isEqualTo("OPEN");
        String client = scheduled.path("testIdentities").get(0).asText();

        // the client system enters the test case through the API
        Clock clock = Clock.systemUTC();
        Set<KantaFunction> kanta = EnumSet.noneOf(KantaFunction.class);
        functions.forEach(f -> kanta.add(KantaFunction.valueOf(f)));
        for (TestCaseDocuments.TestCaseDocument document : TestCaseDocuments.write(TestCaseCatalogue.expectedFor(kanta),
                new TestCaseDocuments.Options(Oid.of(CONTROLLER), "Vantaan ja Keravan hyvinvointialue", client,
                        LocalDate.now(ZoneId.of("Europe/Helsinki")), ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                        testPki().systemSigner(clock)::sign, testPki().professionalSigner(0, clock)::sign))) {
            HttpResponse<byte[]> archived = archive(document.xml());
            assertThat(archived.statusCode()).as(document.key() + ": " + text(archived)).isEqualTo(201);
            if (document.toNullify()) {
                HttpResponse<byte[]> nullified = send(asOwnClient("/api/v1/documents/" + document.documentOid() + "/nullification")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"Testin mitätöinti\"}")).build());
                assertThat(nullified.statusCode()).as(text(nullified)).isLessThan(300);
            }
        }

        // the window closes (its timer run now), the verifier runs, the archivist confirms, the report is written and sent
        executeJob(processInstance);
        executeJob(processInstance);
        assertThat(runtime.getVariable(processInstance, "verificationPassed"))
                .as((String) runtime.getVariable(processInstance, "verificationSummary")).isEqualTo(true);
        complete(processInstance, "Task_ReviewFindings", ARCHIVIST, Map.of("archivistConfirmed", true));
        executeJob(processInstance);
        complete(processInstance, "Task_SendReportToKela", DEPLOYMENT_LEAD, Map.of("reportSent", true));
        return processInstance;
    }

    private void assertFunctionsInUse(String processInstance, Set<String> functions) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(processInstance).count()).isZero();
        JsonNode organisation = json(send(authenticated("/api/v1/organisations/" + ORGANISATION, OWN_CLIENT).GET().build()));
        assertThat(organisation.path("organisationOid").asText()).isEqualTo(CONTROLLER);
        String plannedStart = LocalDate.now(ZoneId.of("Europe/Helsinki")).plusDays(30).toString();
        for (String function : functions) {
            JsonNode use = null;
            for (JsonNode f : organisation.path("functions")) {
                if (f.path("function").asText().equals(function)) {
                    use = f;
                }
            }
            assertThat(use).as(function).isNotNull();
            assertThat(use.path("state").asText()).isEqualTo("IN_USE");
            assertThat(use.path("startDate").asText()).isEqualTo(plannedStart);
        }
    }

    private void complete(String processInstance, String taskKey, String user, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstance).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as(taskKey).isNotNull();
        tasks.claim(task.getId(), user);
        tasks.complete(task.getId(), variables);
    }

    private void executeJob(String processInstance) {
        List<Job> jobs = management.createJobQuery().processInstanceId(processInstance).list();
        assertThat(jobs).hasSize(1);
        management.executeJob(jobs.get(0).getId());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Clicks the element once it is in the middle of the task pane and nothing covers its centre: the tasklist's
     * fixed header and footer, and the translucent layer it lays over the form of a task the user has not claimed
     * ({@code .disabled-form::before}), would otherwise take the click.
     */
    private static void click(WebDriverWait wait, WebElement element) {
        wait.withMessage("nothing to cover " + element)
                .until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(UNCOVERED, element));
        element.click();
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver browser, String name) {
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("Could not keep the screenshot " + name + ": " + e);
        }
    }
}

package fi.arkisto.app.citizen;

import fi.arkisto.app.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen's page as the app serves it outside the dev profile (docs/running.md, "The citizen's page"): its files
 * with their security headers, and no dev login at all. The page in a browser: {@code CitizenPageInBrowserIT}.
 */
class CitizenPageTest extends ApiIntegrationTest {

    @Test
    void thePageIsServedToAnyoneWithAPolicyThatLetsItLoadOnlyItsOwnFiles() {
        // when the page and its files are asked for without any credentials
        HttpResponse<byte[]> page = send(HttpRequest.newBuilder(uri("/oma/")).GET().build());
        HttpResponse<byte[]> script = send(HttpRequest.newBuilder(uri("/oma/oma.js")).GET().build());
        HttpResponse<byte[]> bare = send(HttpRequest.newBuilder(uri("/oma")).GET().build());

        // then the page, in Finnish, under its policy: no other origin, no inline script, never framed
        assertThat(page.statusCode()).as(text(page)).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(text(page)).contains("<html lang=\"fi\">", "name=\"viewport\"", "<script src=\"oma.js\" defer>");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .contains(CitizenPageConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(CitizenPageConfiguration.CONTENT_SECURITY_POLICY).contains("default-src 'none'",
                "script-src 'self';", "frame-ancestors 'none'").doesNotContain("unsafe", "http");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(text(script)).contains("/api/v1/citizen/access-log");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/oma/"));
    }

    @Test
    void theDevLoginDoesNotExistOutsideTheDevProfile() {
        // when a token is asked for a test identity code outside the dev profile
        HttpResponse<byte[]> login = send(HttpRequest.newBuilder(uri(DevCitizenLoginController.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identityCode\": \"010190-900P\"}")).build());
        HttpResponse<byte[]> available = send(HttpRequest.newBuilder(uri(DevCitizenLoginController.PATH)).GET().build());

        // then there is nothing at that path, and no token in the answer
        assertThat(login.statusCode()).as(text(login)).isEqualTo(404);
        assertThat(available.statusCode()).as(text(available)).isEqualTo(404);
        assertThat(text(login)).doesNotContain("token");
    }
}

package fi.arkisto.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.document.OrphanObjectSweeper;
import fi.arkisto.store.document.OrphanSweepLog;
import fi.arkisto.store.object.ObjectStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/orphansweeps}: the operators' read-only record of the orphan sweeps, behind the monitoring
 * credential alone (docs/running.md, "Operations").
 */
class OrphanSweepsEndpointTest extends ApiIntegrationTest {

    @Autowired
    OrphanSweepLog sweeps;
    @Autowired
    ObjectStore objects;
    @Autowired
    DataSource dataSource;

    @Test
    void aRecordedSweepIsReadableWithTheMonitoringCredential() {
        // given: a sweep of this test recorded (an instance name of its own)
        String instance = "test-" + UUID.randomUUID();
        OrphanObjectSweeper.Tally tally = new OrphanObjectSweeper.Tally();
        new OrphanObjectSweeper(objects, dataSource, Clock.systemUTC(), Duration.ofDays(3650)).sweep(tally);
        // PostgreSQL keeps microseconds and rounds the rest: a time it keeps exactly
        Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        sweeps.record(started, started.plusMillis(5), instance, OrphanSweepLog.Outcome.COMPLETED, tally, null);

        // when the operator reads the sweeps
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/actuator/orphansweeps"))
                .header("Authorization", basic(MONITORING_USER, MONITORING_PASSWORD)).GET().build());

        // then this sweep is there with what it did
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode sweep = StreamSupport.stream(json(response).spliterator(), false)
                .filter(entry -> instance.equals(entry.path("instance").asText())).findFirst().orElseThrow();
        assertThat(sweep.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(sweep.path("examined").asInt()).isEqualTo(tally.examined());
        assertThat(sweep.path("removed").asInt()).isZero();
        assertThat(sweep.path("removedKeys").isArray()).isTrue();
        assertThat(Instant.parse(sweep.path("startedAt").asText())).isEqualTo(started);
    }

    @Test
    void onlyTheMonitoringCredentialReadsTheSweeps() {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/orphansweeps")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/orphansweeps"))
                .header("Authorization", basic(AUDITOR_CLIENT, PASSWORD)).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/orphansweeps"))
                .header("Authorization", basic(MONITORING_USER, "wrong-password-123")).GET().build()).statusCode())
                .isEqualTo(401);
    }
}

package fi.arkisto.app.health;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

class CircuitBreakingDataSourceTest {

    /** A database whose next answers the test sets: a connection, or the given failure. */
    private static final class ScriptedDatabase extends AbstractDataSource {
        final AtomicInteger attempts = new AtomicInteger();
        volatile SQLException failure;

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return mock(Connection.class);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }

    @Test
    void afterTheServerWasUnreachableFurtherConnectionsAreRefusedAtOnceWithoutAskingThePool() throws SQLException {
        // given a database that cannot be connected to
        ScriptedDatabase database = new ScriptedDatabase();
        database.failure = new SQLException("Connection refused", "08001");
        CircuitBreakingDataSource circuit = new CircuitBreakingDataSource(database, Duration.ofMinutes(5));

        // when a request finds it gone
        assertThatThrownBy(circuit::getConnection).hasMessageContaining("Connection refused");

        // then the next ones are refused at once as an outage, and the pool is not asked again
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(circuit::getConnection).isInstanceOf(SQLException.class)
                    .hasMessageContaining("refused at once")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
        }
        assertThat(database.attempts).hasValue(1);
        assertThat(circuit.open()).isTrue();
    }

    @Test
    void afterTheFailFastPeriodOneRequestTriesTheServerAndAConnectionClosesTheCircuit() throws SQLException {
        // given a circuit opened by an outage
        ScriptedDatabase database = new ScriptedDatabase();
        database.failure = new SQLException("Connection refused", "08001");
        CircuitBreakingDataSource circuit = new CircuitBreakingDataSource(database, Duration.ofMillis(200));
        assertThatThrownBy(circuit::getConnection).isInstanceOf(SQLException.class);

        // when the server is back and the fail-fast period has passed
        database.failure = null;
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> circuit.getConnection() != null);

        // then connections are served again, every one through the pool
        int before = database.attempts.get();
        assertThat(circuit.getConnection()).isNotNull();
        assertThat(circuit.getConnection()).isNotNull();
        assertThat(database.attempts).hasValue(before + 2);
        assertThat(circuit.open()).isFalse();
    }

    @Test
    void aFailureThatIsNotTheServersDoesNotOpenTheCircuit() {
        // given a database that answers a request's own error (invalid authorisation specification, class 28)
        ScriptedDatabase database = new ScriptedDatabase();
        database.failure = new SQLException("password authentication failed", "28P01");
        CircuitBreakingDataSource circuit = new CircuitBreakingDataSource(database, Duration.ofMinutes(5));

        // when requests meet it
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(circuit::getConnection).hasMessageContaining("password authentication failed");
        }

        // then each one reached the pool: the circuit stays closed
        assertThat(database.attempts).hasValue(3);
        assertThat(circuit.open()).isFalse();
    }
}

package fi.arkisto.app.health;

import fi.arkisto.store.error.InfrastructureFailure;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * The database behind a circuit (docs/running.md, "Operations"): once a connection could not be had because the
 * server is gone, further requests for a connection are refused at once for {@code failFast} instead of each
 * waiting out the pool's connection timeout again. A request that needs the database several times would otherwise
 * wait that long for each, and a client system would see its 503 {@code STORAGE_UNAVAILABLE} only after many
 * seconds, holding a server thread all that while. After {@code failFast} one request tries the server again: a
 * connection closes the circuit, another failure keeps it open.
 *
 * <p>Only failures to connect open it ({@link InfrastructureFailure}): a statement's error is the request's own.
 */
final class CircuitBreakingDataSource extends DelegatingDataSource {

    /** SQLSTATE 08001: the client could not establish the connection; read as a store outage downstream. */
    static final String CANNOT_CONNECT = "08001";

    private final CircuitBreaker circuit;

    CircuitBreakingDataSource(DataSource target, Duration failFast) {
        super(target);
        this.circuit = CircuitBreaker.of("database", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .waitDurationInOpenState(failFast)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(CircuitBreakingDataSource::isConnectionFailure)
                .build());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guarded(() -> super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guarded(() -> super.getConnection(username, password));
    }

    /** Whether the circuit refuses connections now (an operator's view of it, in health and logs). */
    boolean open() {
        return circuit.getState() == CircuitBreaker.State.OPEN;
    }

    private Connection guarded(ConnectionSource source) throws SQLException {
        try {
            circuit.acquirePermission();
        } catch (CallNotPermittedException refused) {
            throw new SQLTransientConnectionException(
                    "The database was unreachable moments ago; connection refused at once", CANNOT_CONNECT, refused);
        }
        long started = circuit.getCurrentTimestamp();
        try {
            Connection connection = source.get();
            circuit.onSuccess(circuit.getCurrentTimestamp() - started, circuit.getTimestampUnit());
            return connection;
        } catch (SQLException | RuntimeException failure) {
            circuit.onError(circuit.getCurrentTimestamp() - started, circuit.getTimestampUnit(), failure);
            throw failure;
        }
    }

    private static boolean isConnectionFailure(Throwable failure) {
        return InfrastructureFailure.isCause(failure);
    }

    @FunctionalInterface
    private interface ConnectionSource {
        Connection get() throws SQLException;
    }
}

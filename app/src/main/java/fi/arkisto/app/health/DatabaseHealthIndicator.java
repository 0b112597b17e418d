package fi.arkisto.app.health;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * The database as readiness sees it: a connection from the pool and {@code SELECT 1} under a query timeout, the whole
 * bounded by {@code arkisto.health.timeout}. Replaces Boot's {@code db} indicator, whose validation has no timeout and
 * whose wait for a pooled connection is the pool's own (seconds to tens of seconds while the server is gone).
 */
final class DatabaseHealthIndicator extends BoundedHealthIndicator {

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;

    DatabaseHealthIndicator(DataSource dataSource, Duration timeout) {
        super("database", timeout);
        this.dataSource = dataSource;
        this.queryTimeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    @Override
    protected void check() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            statement.execute("SELECT 1");
        }
    }
}

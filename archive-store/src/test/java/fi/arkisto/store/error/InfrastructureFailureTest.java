package fi.arkisto.store.error;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** An outage of a store is told from a failure of the request, however deep the framework wrapped it. */
class InfrastructureFailureTest {

    @Test
    void aRollbackThatFailedBecauseTheServerStoppedIsAnOutage() {
        TransactionSystemException failure = new TransactionSystemException("JDBC rollback failed",
                new SQLException("An I/O error occurred while sending to the backend", "08006"));

        assertThat(InfrastructureFailure.isCause(failure)).isTrue();
        assertThat(InfrastructureFailure.translate(failure, "could not archive"))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    }

    @Test
    void aServerShutdownOrARefusedSocketDeepInTheChainIsAnOutage() {
        assertThat(InfrastructureFailure.isCause(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(InfrastructureFailure.isCause(new IllegalStateException("wrapped",
                new RuntimeException(new ConnectException("Connection refused"))))).isTrue();
    }

    @Test
    void aConstraintViolationOrABugIsNotAnOutageAndIsLeftAsItIs() {
        DataIntegrityViolationException duplicate = new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"));
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThat(InfrastructureFailure.isCause(duplicate)).isFalse();
        assertThat(InfrastructureFailure.isCause(bug)).isFalse();
        assertThat(InfrastructureFailure.translate(bug, "x")).isSameAs(bug);
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(InfrastructureFailure.isCause(a)).isFalse();
    }
}

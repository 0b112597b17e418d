package fi.arkisto.store.error;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure of the archive's infrastructure (the database or the object store unreachable, stopping, timing
 * out, or failing a transaction's commit or rollback) from a failure of the request or of the code: the first is
 * {@link ErrorCode#STORAGE_UNAVAILABLE}, worth a retry, and never an {@code INTERNAL_ERROR} nor a refusal of the
 * document (docs/running.md, "Operations"). The whole cause chain is read, because the framework wraps the driver's
 * error: a PostgreSQL server that stops mid-transaction surfaces as {@code TransactionSystemException: JDBC rollback
 * failed} around an {@code SQLException} of class 08 (connection exception).
 */
public final class InfrastructureFailure {

    private InfrastructureFailure() {
    }

    /** Whether the failure, or anything in its cause chain, is the database's or the object store's. */
    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isInfrastructure(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure as the archive's code for it when it is an infrastructure failure ({@link #isCause}), else
     * the failure itself, unchanged.
     */
    public static RuntimeException translate(RuntimeException failure, String what) {
        if (failure instanceof ArchiveException) {
            return failure;
        }
        return isCause(failure) ? new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, what, failure) : failure;
    }

    private static boolean isInfrastructure(Throwable t) {
        if (t instanceof ArchiveException archive) {
            // a controller change's pause is waited out like an outage (ErrorCode.passes)
            return archive.code().passes();
        }
        if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                || t instanceof TransactionSystemException) {
            return true;
        }
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            return infrastructureState(sql.getSQLState());
        }
        return t instanceof SocketException || t instanceof SocketTimeoutException || t instanceof UnknownHostException;
    }

    /**
     * SQLSTATE classes of the server or the connection, not of the statement (PostgreSQL Appendix A): 08 connection
     * exception, 53 insufficient resources, 57P operator intervention (shutdown, cannot connect now), 58 system error,
     * 40 transaction rollback (serialization failure, deadlock: the same request succeeds when retried).
     */
    private static boolean infrastructureState(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.startsWith("58")
                || state.startsWith("40") || STATES.contains(state);
    }

    /** Single states outside those classes: 55P03 lock not available, 57014 statement cancelled (a timeout). */
    private static final Set<String> STATES = Set.of("55P03", "57014");
}

package fi.arkisto.app.transport;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a refused transport configuration as its one sentence, not as a stack trace; before Spring Boot's own
 * analyzers, which would describe a refusal thrown while binding properties as a binding failure.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class TransportSecurityFailureAnalyzer extends AbstractFailureAnalyzer<TransportSecurityException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TransportSecurityException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}

package fi.arkisto.app.transport;

/**
 * A configuration the archive refuses to start with because it would expose client data or credentials on the
 * network (docs/running.md, "Transport security"). The message is one sentence saying what is wrong and what to
 * configure; {@link TransportSecurityFailureAnalyzer} prints it instead of a stack trace.
 */
public class TransportSecurityException extends IllegalStateException {

    private final String action;

    /**
     * @param sentence what is wrong and what to configure, in one sentence
     * @param action   where to read more, for the start-up failure report
     */
    public TransportSecurityException(String sentence, String action) {
        super(sentence);
        this.action = action;
    }

    public String action() {
        return action;
    }
}

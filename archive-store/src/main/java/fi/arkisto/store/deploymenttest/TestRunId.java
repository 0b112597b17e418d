package fi.arkisto.store.deploymenttest;

import java.util.Objects;
import java.util.UUID;

/** The id of one deployment test registration (a {@link TestRun}). */
public record TestRunId(UUID value) {

    public TestRunId {
        Objects.requireNonNull(value, "value");
    }

    public static TestRunId random() {
        return new TestRunId(UUID.randomUUID());
    }

    public static TestRunId of(String value) {
        return new TestRunId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

package fi.arkisto.store.access;

import java.util.Objects;

/** The answer of {@link AccessPolicy}: permitted or not, and why (recorded in the audit event). */
public record AccessDecision(boolean permitted, String reason) {

    public AccessDecision {
        Objects.requireNonNull(reason, "reason");
    }

    public static AccessDecision permit(String reason) {
        return new AccessDecision(true, reason);
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason);
    }
}

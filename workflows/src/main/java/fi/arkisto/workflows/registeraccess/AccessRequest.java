package fi.arkisto.workflows.registeraccess;

import fi.arkisto.store.identity.Oid;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The organiser's request to enable the register access right with a provider (kanta.fi, "Register access right of
 * social welfare services": an agreement on the service and its arrangements precedes it; both parties must have
 * joined and enabled the function).
 *
 * @param serviceTasks codes of 1.2.246.537.6.1221.201601 the agreement covers; empty: every service task
 * @param validFrom    the first day in effect; null: the day of activation
 * @param validUntil   the contract's last day; null when open-ended
 * @param requestedBy  the organiser's user who asks (the deployment lead of any test the combination needs)
 */
public record AccessRequest(Oid organiser, Oid provider, String contractReference, boolean extensive,
                            List<String> serviceTasks, LocalDate validFrom, LocalDate validUntil, String requestedBy) {

    public AccessRequest {
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(requestedBy, "requestedBy");
        serviceTasks = serviceTasks == null ? List.of() : List.copyOf(serviceTasks);
    }
}

package fi.arkisto.store.organisation;

import fi.arkisto.store.identity.Oid;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An organisation that has joined the client data archive (Client Data Act 703/2023: social welfare service
 * providers join the Kanta services), with the client information systems it uses and the functions it has deployed.
 *
 * @param businessId      Finnish business id (Y-tunnus), when known
 * @param organisationOid the organisation OID ({@code 1.2.246.10.<business id>.10.0} for most), when known: the
 *                        custodian of its register's documents
 */
public record Organisation(OrganisationId id, String name, String businessId, Oid organisationOid,
                           List<ClientInformationSystem> systems, List<FunctionUse> functions) {

    public Organisation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        systems = List.copyOf(systems);
        functions = List.copyOf(functions);
    }

    public Optional<FunctionUse> function(KantaFunction function) {
        return functions.stream().filter(f -> f.function() == function).findFirst();
    }

    /** Whether the function is in use on the given day. */
    public boolean uses(KantaFunction function, LocalDate day) {
        return function(function).map(f -> f.inUseOn(day)).orElse(false);
    }
}

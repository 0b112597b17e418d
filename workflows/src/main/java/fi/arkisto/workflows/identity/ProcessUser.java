package fi.arkisto.workflows.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * One configured Camunda user of the processes ({@code arkisto.workflows.users}).
 *
 * @param id       Camunda user id (letters, digits, dot, dash, underscore)
 * @param password from the environment ({@code ARKISTO_WORKFLOWS_USERS_0_PASSWORD}); when absent a random one is
 *                 generated when the user is created and printed once
 * @param groups   of {@code kela-coordinators}, {@code kanta-archivists}, {@code deployment-leads},
 *                 {@code archive-operators}
 * @param organisations OIDs of the organisations a {@code deployment-leads} user is the deployment lead of: it approves
 *                 controller changes of those organisations only (docs/workflows.md, "People and groups"; kanta.fi:
 *                 the old and the new controller each approve a controller change); checked at start by
 *                 {@link DeploymentLeads#check}
 */
public record ProcessUser(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String id, String firstName, String lastName,
                          String email, String password, @NotNull @DefaultValue List<String> groups,
                          @NotNull @DefaultValue List<String> organisations) {

    @Override
    public String toString() {
        return "ProcessUser[id=" + id + ", groups=" + groups + ", organisations=" + organisations + "]";
    }
}

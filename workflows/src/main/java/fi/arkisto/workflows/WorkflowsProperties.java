package fi.arkisto.workflows;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * {@code arkisto.workflows}: the processes' people and deadlines.
 *
 * @param reportDueBusinessDays business days after the test within which the report is due at Kela (kanta.fi: two)
 * @param users                 Camunda users of the processes (coordinators, archivists, deployment leads, operators);
 *                              created at start when missing, their group memberships added
 */
@Validated
@ConfigurationProperties("arkisto.workflows")
public record WorkflowsProperties(@DefaultValue("2") @Min(1) int reportDueBusinessDays,
                                  @NotNull @Valid @DefaultValue List<User> users) {

    /**
     * @param id       Camunda user id (letters, digits, dot, dash, underscore)
     * @param password from the environment ({@code ARKISTO_WORKFLOWS_USERS_0_PASSWORD}); when absent a random one is
     *                 generated when the user is created and printed once
     * @param groups   of {@code kela-coordinators}, {@code kanta-archivists}, {@code deployment-leads},
     *                 {@code archive-operators}
     */
    public record User(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String id, String firstName, String lastName,
                       String email, String password, @NotNull @DefaultValue List<String> groups) {

        @Override
        public String toString() {
            return "User[id=" + id + ", groups=" + groups + "]";
        }
    }
}

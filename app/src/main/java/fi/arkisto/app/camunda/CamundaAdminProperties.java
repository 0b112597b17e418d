package fi.arkisto.app.camunda;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code arkisto.camunda.admin}: the first administrator of the Camunda webapps (cockpit, tasklist, admin).
 *
 * @param username the administrator's user id (letters and digits, Camunda's resource id rule)
 * @param password its password, from the environment ({@code ARKISTO_CAMUNDA_ADMIN_PASSWORD}); when absent a
 *                 random one is generated at the first start (when the user does not exist yet) and printed once
 */
@Validated
@ConfigurationProperties("arkisto.camunda.admin")
public record CamundaAdminProperties(// Camunda's default resource id pattern: letters and digits only.
        @NotBlank @Pattern(regexp = "[a-zA-Z0-9]+", message = "must be letters and digits only (Camunda user id)")
        @DefaultValue("admin") String username, String password) {

    @Override
    public String toString() {
        return "CamundaAdminProperties[username=" + username + "]";
    }
}

package fi.arkisto.app.camunda;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code arkisto.camunda.admin}: the first administrator of the Camunda webapps (cockpit, tasklist, admin).
 *
 * @param username the administrator's user id
 * @param password its password, from the environment ({@code ARKISTO_CAMUNDA_ADMIN_PASSWORD}); when absent a
 *                 random one is generated at the first start (when the user does not exist yet) and printed once
 */
@Validated
@ConfigurationProperties("arkisto.camunda.admin")
public record CamundaAdminProperties(@NotBlank @DefaultValue("admin") String username, String password) {

    @Override
    public String toString() {
        return "CamundaAdminProperties[username=" + username + "]";
    }
}

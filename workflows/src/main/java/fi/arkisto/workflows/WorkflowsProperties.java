package fi.arkisto.workflows;

import fi.arkisto.workflows.identity.ProcessUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
                                  @NotNull @Valid @DefaultValue List<ProcessUser> users) {
}

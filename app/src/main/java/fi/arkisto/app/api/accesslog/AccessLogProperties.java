package fi.arkisto.app.api.accesslog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code arkisto.access-log}: bounds of a client's log extract (docs/access.md, "Log extracts").
 *
 * @param maxLetterEntries most entries one PDF letter holds; a longer period is refused with
 *                         {@code ACCESS_LOG_TOO_LARGE} (the JSON extract is paged with {@code arkisto.api}'s page sizes)
 */
@Validated
@ConfigurationProperties("arkisto.access-log")
public record AccessLogProperties(@Min(1) @Max(100_000) @DefaultValue("2000") int maxLetterEntries) {
}

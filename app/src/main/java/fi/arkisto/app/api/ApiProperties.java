package fi.arkisto.app.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code arkisto.api}: limits of the REST API.
 *
 * @param maxDocumentSize largest CDA document accepted for archiving (413 {@code DOCUMENT_TOO_LARGE} above it)
 * @param defaultPageSize page size of the client document list when the request names none
 * @param maxPageSize     largest page size a request may ask for
 * @see fi.arkisto.app.api.problem.RetryAfterProperties {@code arkisto.api.retry-after}
 */
@Validated
@ConfigurationProperties("arkisto.api")
public record ApiProperties(@NotNull @DefaultValue("20MB") DataSize maxDocumentSize,
                            @Min(1) @Max(1000) @DefaultValue("20") int defaultPageSize,
                            @Min(1) @Max(1000) @DefaultValue("200") int maxPageSize) {
}

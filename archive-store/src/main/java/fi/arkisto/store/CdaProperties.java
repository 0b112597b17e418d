package fi.arkisto.store;

import fi.arkisto.store.cda.CdaParserLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code arkisto.cda.*}: limits for reading submitted CDA documents ({@code max-document-size},
 * {@code max-depth}, {@code max-attributes}) and {@code max-streamed-document-size}, the largest document
 * archived from a file with its body streamed (documents above {@code max-document-size} given as a file), bound here so the parser itself stays plain Java.
 */
@Validated
@ConfigurationProperties("arkisto.cda")
public record CdaProperties(
        @NotNull @DefaultValue("20MB") DataSize maxDocumentSize,
        @Min(16) @Max(10_000) @DefaultValue("64") int maxDepth,
        @Min(16) @Max(10_000) @DefaultValue("256") int maxAttributes,
        @NotNull @DefaultValue("4GB") DataSize maxStreamedDocumentSize) {

    public CdaParserLimits toLimits() {
        return new CdaParserLimits(maxDocumentSize.toBytes(), maxDepth, maxAttributes,
                Math.max(maxDocumentSize.toBytes(), maxStreamedDocumentSize.toBytes()));
    }
}

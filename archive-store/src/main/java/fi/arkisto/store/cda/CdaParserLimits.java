package fi.arkisto.store.cda;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits for reading submitted CDA documents, bound from {@code arkisto.cda.*}
 * ({@code max-document-size}, {@code max-depth}, {@code max-attributes}). The defaults hold
 * every real Kanta document with a wide margin and refuse resource-exhaustion attempts early
 * (DESIGN invariant 7).
 */
@Validated
@ConfigurationProperties("arkisto.cda")
public record CdaParserLimits(
        @NotNull @DefaultValue("20MB") DataSize maxDocumentSize,
        @Min(16) @Max(10_000) @DefaultValue("64") int maxDepth,
        @Min(16) @Max(10_000) @DefaultValue("256") int maxAttributes) {

    public CdaParserLimits {
        if (maxDocumentSize == null || maxDocumentSize.toBytes() < 1) {
            throw new IllegalArgumentException("maxDocumentSize must be positive");
        }
        if (maxDepth < 1 || maxAttributes < 1) {
            throw new IllegalArgumentException("maxDepth and maxAttributes must be positive");
        }
    }

    public static CdaParserLimits defaults() {
        return new CdaParserLimits(DataSize.ofBytes(XmlLimits.DEFAULT_MAX_BYTES), XmlLimits.DEFAULT_MAX_DEPTH,
                XmlLimits.DEFAULT_MAX_ATTRIBUTES);
    }

    public XmlLimits toXmlLimits() {
        return new XmlLimits(maxDocumentSize.toBytes(), maxDepth, maxAttributes);
    }
}

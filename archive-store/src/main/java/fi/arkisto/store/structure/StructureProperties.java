package fi.arkisto.store.structure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * {@code arkisto.structures.*}.
 *
 * @param dir          a directory where operators drop {@code <contentSpecificationId>.schema.json} files and
 *                     optionally {@code header-rules.json}; a file here wins over the one shipped on the classpath.
 *                     Unset: only the shipped structures are known.
 * @param allowUnknown when true a structured form naming an unknown structure is archived with a warning instead of
 *                     being refused with UNKNOWN_CONTENT_SPECIFICATION
 */
@Validated
@ConfigurationProperties("arkisto.structures")
public record StructureProperties(Path dir, @DefaultValue("false") boolean allowUnknown) {

    public static StructureProperties classpathOnly() {
        return new StructureProperties(null, false);
    }
}

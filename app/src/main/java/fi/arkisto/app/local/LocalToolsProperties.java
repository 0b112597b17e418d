package fi.arkisto.app.local;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * {@code arkisto.local-tools}: how command-line tools on the server's machine find the running server (docs/running.md,
 * "Tools beside a running server").
 *
 * @param enabled whether the server generates a credential for local tools at each start and announces it with its
 *                address in {@code file}; without it a tool that needs the data directory cannot run while the server
 *                does
 * @param file    the owner-only announcement file (the app defaults it to
 *                {@code <arkisto.data-dir>/local-server.properties})
 */
@Validated
@ConfigurationProperties("arkisto.local-tools")
public record LocalToolsProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("data/local-server.properties") @NotNull Path file) {
}

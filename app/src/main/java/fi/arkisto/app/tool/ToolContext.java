package fi.arkisto.app.tool;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The archive as a command-line tool runs it ({@code migrate}): the same configuration as the server (application.yml
 * beside the jar, the environment, {@code --key=value} arguments), the same storage and jobs, but no web layer (no web
 * server, controllers or security filter chains), no ingestion channels (file drop, queue) and no Camunda job
 * execution: a tool does its own work only, and leaves what the server does to the server. Its log goes to a file, so
 * the console stays the tool's (a progress bar is not broken by log lines).
 */
public final class ToolContext {

    /** Where a tool's log goes unless {@code --logging.file.name} says otherwise: {@code <data-dir>/logs/<tool>.log}. */
    static final String LOG_DIRECTORY = "logs";

    private static final Map<String, String> TOOL_DEFAULTS = new LinkedHashMap<>();

    static {
        TOOL_DEFAULTS.put("spring.main.banner-mode", "off");
        TOOL_DEFAULTS.put("camunda.bpm.job-execution.enabled", "false");
        // Camunda's REST API (Jersey) and webapps configure servlets whatever the application type
        TOOL_DEFAULTS.put("spring.autoconfigure.exclude", String.join(",",
                "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
                "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"));
        TOOL_DEFAULTS.put("logging.threshold.console", "OFF");
    }

    private final String tool;
    private final List<String> arguments;
    private final ConfigurableEnvironment environment;

    private ToolContext(String tool, List<String> arguments) {
        this.tool = tool;
        this.arguments = List.copyOf(arguments);
        this.environment = resolve(arguments);
    }

    /** @param springArguments the tool's {@code --key=value} arguments, passed on to the configuration */
    public static ToolContext of(String tool, List<String> springArguments) {
        return new ToolContext(tool, springArguments);
    }

    /** The configuration as the tool's context will see it, resolved without starting anything. */
    public Binder configuration() {
        return Binder.get(environment);
    }

    public Path dataDirectory() {
        return configuration().bind("arkisto.data-dir", Path.class).orElse(Path.of("data")).toAbsolutePath().normalize();
    }

    /** The tool's log file: {@code logging.file.name} when configured, else {@code <data-dir>/logs/<tool>.log}. */
    public Path logFile() {
        return configuration().bind("logging.file.name", Path.class)
                .orElseGet(() -> dataDirectory().resolve(LOG_DIRECTORY).resolve(tool + ".log")).toAbsolutePath().normalize();
    }

    /** Starts the context; the caller closes it. */
    public ConfigurableApplicationContext start(Class<?> application) {
        List<String> all = new ArrayList<>(arguments);
        TOOL_DEFAULTS.forEach((key, value) -> addUnlessGiven(all, key, value));
        addUnlessGiven(all, "logging.file.name", logFile().toString());
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("toolContextExclusions", new WebAndIngestionExcluded()))
                .run(all.toArray(String[]::new));
    }

    private void addUnlessGiven(List<String> all, String key, String value) {
        if (!environment.containsProperty(key)) {
            all.add("--" + key + "=" + value);
        }
    }

    private static ConfigurableEnvironment resolve(List<String> arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments.toArray(String[]::new)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return environment;
    }

    /**
     * Leaves the web layer and the ingestion channels out of a tool's component scan: controllers and controller
     * advice (the web layer's configuration is conditional on a web application already), and camel-routes.
     */
    static final class WebAndIngestionExcluded extends TypeExcludeFilter {

        private static final List<String> EXCLUDED_ANNOTATIONS = Arrays.asList(
                "org.springframework.stereotype.Controller", "org.springframework.web.bind.annotation.ControllerAdvice");

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            String className = reader.getClassMetadata().getClassName();
            return className.startsWith("fi.arkisto.routes.")
                    || EXCLUDED_ANNOTATIONS.stream().anyMatch(reader.getAnnotationMetadata()::isAnnotated);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WebAndIngestionExcluded;
        }

        @Override
        public int hashCode() {
            return WebAndIngestionExcluded.class.hashCode();
        }
    }
}

package fi.arkisto.app;

import fi.arkisto.app.cli.CommandLineTools;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Arkisto system: archive store, ingestion routes, batch jobs and Camunda in one process.
 *
 * <p>The same jar also carries the command-line tools ({@code java -jar arkisto-app.jar generate ...});
 * they are dispatched before Spring starts so a tool never opens a web server or a database.
 */
@SpringBootApplication(scanBasePackages = "fi.arkisto")
@ConfigurationPropertiesScan("fi.arkisto.app")
public class ArkistoApplication {

    public static void main(String[] args) {
        CommandLineTools tools = CommandLineTools.standard(ArkistoApplication.class);
        if (tools.handles(args)) {
            System.exit(tools.run(args));
        }
        SpringApplication.run(ArkistoApplication.class, args);
    }
}

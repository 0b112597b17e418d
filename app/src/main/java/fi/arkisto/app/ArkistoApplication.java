package fi.arkisto.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Arkisto system: archive store, ingestion routes, batch jobs and Camunda in one process. */
@SpringBootApplication(scanBasePackages = "fi.arkisto")
public class ArkistoApplication {

    public static void main(String[] args) {
        SpringApplication.run(ArkistoApplication.class, args);
    }
}

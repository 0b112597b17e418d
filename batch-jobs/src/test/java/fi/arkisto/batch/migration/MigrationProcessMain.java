package fi.arkisto.batch.migration;

import fi.arkisto.store.identity.Oid;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

/**
 * A migration in its own JVM, for the test that kills it with {@code kill -9}: {@code <package> <controller>
 * [--spring.property=value ...]}. Exits 0 when the migration completed.
 */
public final class MigrationProcessMain {

    private MigrationProcessMain() {
    }

    public static void main(String[] args) {
        String[] springArgs = java.util.Arrays.copyOfRange(args, 2, args.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MigrationTestApplication.class)
                .web(WebApplicationType.NONE).run(springArgs);
        var execution = context.getBean(MigrationLauncher.class).run(Path.of(args[0]), Oid.of(args[1]));
        System.out.println("MIGRATION " + execution.getStatus());
        context.close();
        System.exit(execution.getStatus().name().equals("COMPLETED") ? 0 : 1);
    }
}

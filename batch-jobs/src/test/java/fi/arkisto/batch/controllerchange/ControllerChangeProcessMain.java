package fi.arkisto.batch.controllerchange;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;
import java.util.UUID;

/**
 * A controller change run in its own JVM, for the test that kills it with {@code kill -9}: {@code <change id>
 * [--spring.property=value ...]}. Exits 0 when the run completed.
 */
public final class ControllerChangeProcessMain {

    private ControllerChangeProcessMain() {
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ControllerChangeTestApplication.class)
                .web(WebApplicationType.NONE).run(Arrays.copyOfRange(args, 1, args.length));
        var execution = context.getBean(ControllerChangeLauncher.class).run(UUID.fromString(args[0]), "child");
        System.out.println("CONTROLLER CHANGE " + execution.getStatus());
        context.close();
        System.exit(execution.getStatus().name().equals("COMPLETED") ? 0 : 1);
    }
}

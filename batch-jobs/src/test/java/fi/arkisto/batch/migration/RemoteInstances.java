package fi.arkisto.batch.migration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * App instances for the remote partitioning tests: the test environment's services (database, S3, keys) plus the
 * local RabbitMQ broker, with remote partitioning over a queue of the test's own.
 */
final class RemoteInstances {

    private RemoteInstances() {
    }

    static Map<String, String> properties(String name, boolean worker, String queue, int partitions, int consumers) {
        Map<String, String> properties = new LinkedHashMap<>(MigrationTestEnvironment.get().properties());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("spring.rabbitmq.host", "127.0.0.1");
        properties.put("spring.rabbitmq.port", "5672");
        properties.put("spring.rabbitmq.username", "guest");
        properties.put("spring.rabbitmq.password", "guest");
        properties.put("arkisto.migration.partitioning", "remote");
        properties.put("arkisto.migration.worker", Boolean.toString(worker));
        properties.put("arkisto.migration.instance-name", name);
        properties.put("arkisto.migration.partitions", Integer.toString(partitions));
        properties.put("arkisto.migration.chunk-size", "20");
        properties.put("arkisto.migration.remote.queue", queue);
        properties.put("arkisto.migration.remote.consumers", Integer.toString(consumers));
        properties.put("arkisto.migration.remote.poll-interval", "200ms");
        return properties;
    }

    static String[] arguments(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    static ConfigurableApplicationContext start(Map<String, String> properties) {
        return new SpringApplicationBuilder(MigrationTestApplication.class).web(WebApplicationType.NONE).run(arguments(properties));
    }

    /**
     * A worker instance in its own JVM, for the test that kills one with {@code kill -9}: {@code [--spring.property=value
     * ...]}; prints {@code WORKER READY} once it consumes partition requests and runs until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(MigrationTestApplication.class).web(WebApplicationType.NONE).run(args);
        System.out.println("WORKER READY");
        Thread.currentThread().join();
    }
}

package fi.arkisto.store.document.bench;

import fi.arkisto.store.StoreTestApplication;
import fi.arkisto.store.document.ClientDocumentsPage;
import fi.arkisto.store.document.ClientDocumentsQuery;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.testsupport.ArchiveStoreTestEnvironment;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.Latencies;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: the client document list with its access decision over a million document versions of metadata
 * (COPY-loaded, {@link DocumentRowsLoader}) in three scenarios ({@link ListScenarios}), each against the raw index
 * lookup that gives the same items (plain JDBC) measured in the same run, on the same database. See
 * bench/access-list/README.md.
 *
 * <p>Arguments: [rows (1,000,000)] [measured requests per kind (2,000)] [queried clients (200)].
 */
public final class ClientDocumentListBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int queried = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        ArchiveStoreTestEnvironment environment = ArchiveStoreTestEnvironment.privateLocal();
        Map<String, Object> properties = new HashMap<>(environment.properties());
        // the backfill and sweeps of a running archive would compete with the measurement
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StoreTestApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            DocumentReadService reading = context.getBean(DocumentReadService.class);
            DataSource dataSource = context.getBean(DataSource.class);

            // given the queried clients, each with the client relationship documents, informing and consent of the
            // scenarios recorded through the real paths (signed, checked, stored), and a million rows around them
            Random random = new Random(20261203L);
            List<String> clients = new ArrayList<>();
            for (int i = 0; i < queried; i++) {
                clients.add(KantaSamples.newTestIdentityCode());
            }
            long started = System.nanoTime();
            String template = new ListScenarios(context).prepare(clients);
            System.out.printf("archived %d client relationship documents and recorded %d informings and consents"
                    + " in %.1f s%n", 2 * queried, queried, (System.nanoTime() - started) / 1e9);
            DocumentRowsLoader loader = new DocumentRowsLoader(dataSource, random);
            started = System.nanoTime();
            loader.load(template, rows, clients, ListScenarios.ORGANISER, ListScenarios.SERVICE_TASK);
            System.out.printf("COPY-loaded %,d rows in %.1f s (%s), %d cores%n", loader.loaded(),
                    (System.nanoTime() - started) / 1e9, loader.tableSize(), Runtime.getRuntime().availableProcessors());

            List<ListScenarios.Scenario> scenarios = ListScenarios.scenarios(dataSource);
            ClientDocumentsQuery page = ClientDocumentsQuery.firstPage();

            // warm both paths of every scenario over the same clients, unmeasured
            for (int i = 0; i < Math.max(200, requests / 4); i++) {
                String client = clients.get(random.nextInt(clients.size()));
                for (ListScenarios.Scenario scenario : scenarios) {
                    scenario.raw().list(client, page.size());
                    reading.clientDocuments(client, page, scenario.scope(), scenario.context());
                }
            }

            // when the same requests are measured, interleaved (raw, list; scenario after scenario) so that every
            // path sees the same machine
            long[][] rawNanos = new long[scenarios.size()][requests];
            long[][] listNanos = new long[scenarios.size()][requests];
            long[] listed = new long[scenarios.size()];
            for (int i = 0; i < requests; i++) {
                String client = clients.get(random.nextInt(clients.size()));
                for (int s = 0; s < scenarios.size(); s++) {
                    ListScenarios.Scenario scenario = scenarios.get(s);
                    long t0 = System.nanoTime();
                    int rawCount = scenario.raw().list(client, page.size());
                    long t1 = System.nanoTime();
                    ClientDocumentsPage result = reading.clientDocuments(client, page, scenario.scope(),
                            scenario.context());
                    long t2 = System.nanoTime();
                    if (result.items().size() != rawCount) {
                        throw new IllegalStateException(scenario.name() + ": the list gave " + result.items().size()
                                + " items for " + client + ", the raw lookup " + rawCount);
                    }
                    listed[s] += rawCount;
                    rawNanos[s][i] = t1 - t0;
                    listNanos[s][i] = t2 - t1;
                }
            }

            // then
            System.out.printf("%,d rows, %d requests per path and scenario, page size %d%n", loader.loaded(), requests,
                    page.size());
            for (int s = 0; s < scenarios.size(); s++) {
                System.out.printf("%s, %.1f items per page on average%n", scenarios.get(s).name(),
                        listed[s] / (double) requests);
                Latencies.report("  raw index lookup (JDBC, same items)", 48, rawNanos[s], null);
                Latencies.report("  client document list with access decision", 48, listNanos[s], rawNanos[s]);
            }
        }
        // the embedded S3 server's threads would keep the JVM running
        System.exit(0);
    }
}

package fi.arkisto.store.document.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.arkisto.store.testsupport.KantaSamples;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Loads generated document version rows with COPY: every column of a version archived through the real path (a
 * client report, document group 3, with its recorded access facts), with its identity (OID, set, client, register,
 * service task, effective time), its original custodian and author's organisation (the register's controller) and the
 * metadata document's matching fields replaced. The queried clients get {@value #OWN_PER_CLIENT} rows in the organiser's register and
 * {@value #ELSEWHERE_PER_CLIENT} in others; the rest of the rows belong to other clients, about ten each.
 */
final class DocumentRowsLoader {

    static final int OWN_PER_CLIENT = 30;
    static final int ELSEWHERE_PER_CLIENT = 10;
    private static final int ROWS_PER_COPY = 10_000;
    private static final String[] SERVICE_TASKS = {"24", "10", "11", "13", "17", "20"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Random random;
    private long loaded;

    DocumentRowsLoader(DataSource dataSource, Random random) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.random = random;
    }

    long loaded() {
        return loaded;
    }

    String tableSize() {
        return jdbc.queryForObject("SELECT pg_size_pretty(pg_total_relation_size('archive.document_version'))",
                String.class);
    }

    /**
     * @param templateOid a version archived through the real path whose row every loaded row copies
     */
    void load(String templateOid, int rows, List<String> queriedClients, String organiser, String serviceTask)
            throws Exception {
        List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'archive' AND table_name = 'document_version' ORDER BY ordinal_position",
                String.class);
        String select = String.join(", ", columns.stream().map(c -> c + "::text").toList());
        Map<String, String> template = new LinkedHashMap<>();
        Map<String, Object> row = jdbc.queryForMap("SELECT " + select
                + " FROM archive.document_version WHERE document_oid = ?", templateOid);
        int i = 0;
        for (Object value : row.values()) {
            template.put(columns.get(i++), value == null ? null : value.toString());
        }
        ObjectNode metadata = (ObjectNode) JSON.readTree(template.get("metadata"));
        String[] registers = new String[20];
        for (int r = 0; r < registers.length; r++) {
            registers[r] = "1.2.246.10." + (20000000 + r) + ".10.0";
        }

        StringBuilder copy = new StringBuilder();
        int inCopy = 0;
        int serial = 0;
        List<String> background = new ArrayList<>();
        while (serial < rows) {
            String client;
            String register;
            String task;
            int forQueried = queriedClients.size() * (OWN_PER_CLIENT + ELSEWHERE_PER_CLIENT);
            if (serial < forQueried) {
                client = queriedClients.get(serial / (OWN_PER_CLIENT + ELSEWHERE_PER_CLIENT));
                boolean own = serial % (OWN_PER_CLIENT + ELSEWHERE_PER_CLIENT) < OWN_PER_CLIENT;
                register = own ? organiser : registers[random.nextInt(registers.length)];
                task = own && random.nextBoolean() ? serviceTask : SERVICE_TASKS[random.nextInt(SERVICE_TASKS.length)];
            } else {
                if (background.isEmpty() || random.nextInt(10) == 0) {
                    background.add(KantaSamples.newTestIdentityCode());
                }
                client = background.get(background.size() - 1);
                register = random.nextInt(4) == 0 ? organiser : registers[random.nextInt(registers.length)];
                task = SERVICE_TASKS[random.nextInt(SERVICE_TASKS.length)];
            }
            String oid = "1.2.246.10.29999999.95777.2026." + serial;
            OffsetDateTime effective = OffsetDateTime.of(2015, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(2))
                    .plusMinutes(random.nextInt(12 * 365 * 24 * 60));
            Map<String, String> values = new LinkedHashMap<>(template);
            values.put("document_oid", oid);
            values.put("set_id", oid);
            values.put("version_number", "1");
            values.put("client_id", client);
            values.put("controller_oid", register);
            values.put("service_organiser_oid", register);
            values.put("original_custodian_oid", register);
            values.put("author_organisation_oid", register);
            values.put("service_task", task);
            values.put("effective_time", effective.toString());
            values.put("case_id", null);
            values.put("status", "ACTIVE");
            values.put("metadata", metadata(metadata, oid, client, register, task, effective));
            appendCsv(copy, columns, values);
            serial++;
            if (++inCopy == ROWS_PER_COPY || serial == rows) {
                copy(columns, copy);
                copy.setLength(0);
                inCopy = 0;
            }
        }
        jdbc.execute("ANALYZE archive.document_version");
    }

    private static String metadata(ObjectNode template, String oid, String client, String register, String task,
                                   OffsetDateTime effective) {
        ObjectNode metadata = template.deepCopy();
        set(metadata, "documentOid", oid);
        set(metadata, "setId", oid);
        metadata.put("versionNumber", 1);
        set(metadata, "clientId", client);
        set(metadata, "controllerOid", register);
        set(metadata, "serviceOrganiserOid", register);
        if (metadata.get("serviceTask") instanceof ObjectNode code) {
            code.put("code", task);
        }
        metadata.put("effectiveTime", effective.toString());
        metadata.putNull("caseId");
        metadata.putNull("replacesDocumentOid");
        return metadata.toString();
    }

    /** A field that is either a string or a value object ({@code {"value": ...}}). */
    private static void set(ObjectNode node, String field, String value) {
        JsonNode current = node.get(field);
        if (current instanceof ObjectNode object && object.has("value")) {
            object.put("value", value);
        } else {
            node.put(field, value);
        }
    }

    private static void appendCsv(StringBuilder out, List<String> columns, Map<String, String> values) {
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            String value = values.get(columns.get(c));
            if (value != null) {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    private void copy(List<String> columns, StringBuilder csv) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            loaded += copy.copyIn("COPY archive.document_version (" + String.join(", ", columns)
                    + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        }
    }
}

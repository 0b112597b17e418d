package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.decision.Relation;
import fi.arkisto.store.access.request.RequestKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access decision driven through every rule and the combinations that matter, one table row per case
 * ({@code src/test/resources/access/decision-table.md}; each row names the rule it shows).
 */
class AccessDecisionTableTest {

    static final String TABLE = "/access/decision-table.md";

    private static DecisionTable table;
    private static final Map<String, AccessRules> RULES = new HashMap<>();

    @BeforeAll
    static void readTheTable() {
        table = DecisionTable.read(TABLE);
        table.configs.forEach((name, properties) -> RULES.put(name, new AccessRules(properties)));
    }

    static List<DecisionTable.Row> rows() {
        return DecisionTable.read(TABLE).rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesAsTheTableSays(DecisionTable.Row row) {
        // given the row's request, document facts and client facts, under its configuration
        AccessRules rules = RULES.get(row.config());
        assertThat(rules).as("configuration " + row.config()).isNotNull();

        // when
        AccessVerdict verdict = rules.decide(row.request(), row.document(), row.client());

        // then
        DecisionTable.Expected expected = row.expected();
        assertThat(verdict.toString()).as(row.toString()).isEqualTo(expected.toString());
        assertThat(verdict.allowed()).isEqualTo(expected.allowed());
        assertThat(verdict.basis()).isEqualTo(expected.basis());
        assertThat(verdict.relation()).isEqualTo(expected.relation());
        assertThat(verdict.disclosure()).isEqualTo(expected.disclosure());
        assertThat(verdict.denial()).isEqualTo(expected.denial());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aWriteThatNeedsNoClientFactsIsDecidedAlikeWithoutThem(DecisionTable.Row row) {
        // given the row's request and document, under its configuration
        AccessRules rules = RULES.get(row.config());

        // when the rules say the client's facts cannot matter
        boolean needed = rules.needsClientFacts(row.request(), row.document());

        // then deciding with no facts of the client at all gives the row's verdict
        if (!needed) {
            assertThat(row.request().kind().write()).as(row.toString()).isTrue();
            assertThat(rules.decide(row.request(), row.document(), fi.arkisto.store.access.facts.ClientFacts.unknown(
                    row.document().clientId())).toString()).as(row.toString()).isEqualTo(row.expected().toString());
        }
    }

    @Test
    void everyDenialReasonBasisDisclosureAndRequestKindHasARow() {
        // given every row of the table
        List<DecisionTable.Row> rows = table.rows;

        // then every rule's outcome is shown at least once
        Set<DenialReason> denials = rows.stream().map(r -> r.expected().denial()).filter(d -> d != null)
                .collect(Collectors.toSet());
        assertThat(EnumSet.complementOf(EnumSet.copyOf(denials))).as("denial reasons without a row").isEmpty();
        Set<AccessBasis> bases = rows.stream().map(r -> r.expected().basis()).collect(Collectors.toSet());
        assertThat(bases).containsAll(EnumSet.allOf(AccessBasis.class));
        Set<Disclosure> disclosures = rows.stream().map(r -> r.expected().disclosure()).collect(Collectors.toSet());
        assertThat(disclosures).containsAll(EnumSet.allOf(Disclosure.class));
        Set<Relation> relations = rows.stream().map(r -> r.expected().relation()).filter(r -> r != null)
                .collect(Collectors.toSet());
        assertThat(relations).containsAll(EnumSet.allOf(Relation.class));
        Set<RequestKind> kinds = rows.stream().map(r -> r.request().kind()).collect(Collectors.toSet());
        assertThat(kinds).containsAll(EnumSet.allOf(RequestKind.class));
        assertThat(rows).hasSizeGreaterThan(300);
    }

    @Test
    void printsTheRowCountByRule() {
        // the table's sections are the rules; the count per section goes into the report of the change
        Map<String, Long> bySection = new TreeMap<>();
        for (DecisionTable.Row row : table.rows) {
            String section = row.rule().contains(":") ? row.rule().substring(0, row.rule().indexOf(':')) : row.rule();
            bySection.merge(section, 1L, Long::sum);
        }
        bySection.forEach((section, count) -> System.out.printf("%4d  %s%n", count, section));
        System.out.printf("%4d  rows in all%n", table.rows.size());
        assertThat(bySection.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(table.rows.size());
    }

    @Test
    void decidesWithoutAllocating() {
        // given the table's rows, decided often enough for the JIT to compile the rules
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<DecisionTable.Row> rows = table.rows;
        AccessRules[] rules = rows.stream().map(r -> RULES.get(r.config())).toArray(AccessRules[]::new);
        int sink = 0;
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < rows.size(); i++) {
                sink += rules[i].decide(rows.get(i).request(), rows.get(i).document(), rows.get(i).client()).hashCode();
            }
        }

        // when deciding every row 100 more times
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < rows.size(); i++) {
                sink += rules[i].decide(rows.get(i).request(), rows.get(i).document(), rows.get(i).client()).hashCode();
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // then the decisions allocated (next to) nothing: well under one byte per decision
        long decisions = 100L * rows.size();
        assertThat(allocated).as("bytes allocated by %d decisions (sink %d)", decisions, sink).isLessThan(decisions);
    }
}

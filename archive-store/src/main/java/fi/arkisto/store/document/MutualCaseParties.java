package fi.arkisto.store.document;

import fi.arkisto.store.access.mutualcase.CaseParty;
import fi.arkisto.store.access.mutualcase.MutualCase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL over {@code archive.mutual_case_party} (V11; docs/access.md, "Mutual cases"): the parties each version of a
 * case's topic document names, written with the version, and the parties in effect: those of the case's current
 * topic versions (ACTIVE), each with its non-disclosure read from the columns of its client relationship documents.
 * The case's organiser is the controller of the topic document's register now: after a completed controller change
 * the new controller (its assignment, docs/access.md "Controller change"), as the rest of the access decision reads it.
 */
final class MutualCaseParties {

    private static final String INSERT = """
            INSERT INTO archive.mutual_case_party (topic_document_oid, case_id, party_id, party_from, party_until)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    /**
     * A party is under non-disclosure when a current version of a client relationship document of it declares it, or
     * one whose facts are not yet read might (the conservative reading: its location data masked for other parties).
     */
    private static final String PARTIES = """
            SELECT p.case_id, p.party_id, p.party_from, p.party_until,
                   """ + AssignedRegister.currentController("t") + """
             AS organiser,
                   EXISTS (SELECT 1 FROM archive.document_version r WHERE r.client_id = p.party_id
                           AND r.document_group = '1' AND r.status = 'ACTIVE'
                           AND (r.non_disclosure_declared OR r.facts_read_at IS NULL)) AS non_disclosure
              FROM archive.mutual_case_party p JOIN archive.document_version t
                ON t.document_oid = p.topic_document_oid AND t.status = 'ACTIVE'
             WHERE p.case_id IN (:cases) ORDER BY p.case_id, p.party_id, p.party_from""";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    MutualCaseParties(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Records the parties each topic document version names (an entry named twice in one version is kept once). */
    void insert(List<NewVersion> versions) {
        List<Object[]> rows = new ArrayList<>();
        for (NewVersion v : versions) {
            if (v.topic() != null) {
                rows.addAll(rows(v.metadata().documentOid().value(), v.topic()));
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
    }

    /** Records the parties a stored topic document version names, unless they are recorded already. */
    void insert(String topicDocumentOid, MutualCase topic) {
        jdbc.batchUpdate(INSERT, rows(topicDocumentOid, topic));
    }

    private static List<Object[]> rows(String topicDocumentOid, MutualCase topic) {
        return topic.parties().stream().map(p -> new Object[] {topicDocumentOid, topic.caseId(), p.clientId(),
                Date.valueOf(p.from()), p.until() == null ? null : Date.valueOf(p.until())}).toList();
    }

    /** Each of the cases with the parties its current topic versions name; a case without one is absent. */
    Map<String, MutualCase> cases(Collection<String> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<CaseParty>> parties = new LinkedHashMap<>();
        Map<String, String> organisers = new HashMap<>();
        named.query(PARTIES, new MapSqlParameterSource("cases", caseIds), rs -> {
            String caseId = rs.getString("case_id");
            Date until = rs.getDate("party_until");
            parties.computeIfAbsent(caseId, c -> new ArrayList<>()).add(new CaseParty(rs.getString("party_id"),
                    rs.getDate("party_from").toLocalDate(), until == null ? null : until.toLocalDate(),
                    rs.getBoolean("non_disclosure")));
            organisers.putIfAbsent(caseId, rs.getString("organiser"));
        });
        Map<String, MutualCase> cases = new HashMap<>();
        parties.forEach((caseId, list) -> cases.put(caseId, new MutualCase(caseId, organisers.get(caseId), list)));
        return cases;
    }
}

package fi.arkisto.testkit.deployment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the deployment test report to Kela says (kanta.fi: "Send a report of the successfully completed deployment
 * test to Kela"; for the register access right both parties report together).
 *
 * @param partnerName  the other party of a register access right test, or null
 * @param participants who took part, each as "role: name"
 */
public record ReportContent(String testId, int attempt, String organisationName, String organisationOid,
                            String partnerName, String partnerOid, String system, String partnerSystem,
                            List<String> functions, Instant windowStart, Instant windowEnd, LocalDate plannedStart,
                            LocalDate reportDue, List<String> participants, String archivistNote,
                            VerificationFindings findings, Instant writtenAt) {

    public ReportContent {
        functions = List.copyOf(functions);
        participants = List.copyOf(participants);
    }
}

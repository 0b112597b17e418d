package fi.arkisto.app.api.audit;

import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditVerification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verification of the audit hash chain (invariant 5 (docs/invariants.md): a break is detectable). Only client
 * systems registered as auditors ({@code arkisto.security.api-clients[].auditor}) may call it.
 */
@RestController
@Tag(name = "Audit", description = "Verify the audit log")
class AuditController {

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /**
     * @param valid             whether every event's hash and link verified
     * @param events            number of events verified
     * @param firstBrokenEventId the first event whose hash or link does not verify, when not valid
     * @param problem           what is wrong with it, when not valid
     */
    record AuditVerificationResponse(boolean valid, long events, Long firstBrokenEventId, String problem) {

        static AuditVerificationResponse of(AuditVerification verification) {
            return new AuditVerificationResponse(verification.valid(), verification.events(),
                    verification.firstBrokenEventId(), verification.problem());
        }
    }

    @Operation(summary = "Verify the audit log's hash chain",
            description = "Recomputes every event's hash and link. Only for client systems registered as auditors (403 otherwise).")
    @ApiErrors({})
    @GetMapping(path = "/api/v1/audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditVerificationResponse verification() {
        return AuditVerificationResponse.of(auditLog.verify());
    }
}

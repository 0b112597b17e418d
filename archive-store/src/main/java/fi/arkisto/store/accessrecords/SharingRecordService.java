package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.sharing.DenialTarget;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.DocumentLookup;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Records and withdraws a client's informing, consents and denials of disclosure, and reads their history (kanta.fi,
 * "Functionalities of the Client Data Repository for Social Welfare Services": professionals "can save and modify
 * consent to data sharing or denials of consent to data sharing"; "Sosiaalipalvelujen asiakastietojen
 * luovutuskielto": a denial names a document, a service task or a controller).
 *
 * <p>Who may: the organisation in whose service the client is on the day, that is whose own client relationship with
 * the client is active or whose register access right over the client is in effect (docs/access.md, "Records of
 * informing, consent and denial": the professional recording the client's will is the one serving the client), in an
 * own-register or register-access use context. Nothing is deleted: a withdrawal stamps the record, which stays in the
 * history. Every change and every read, refusals included, is audited.
 */
public class SharingRecordService {

    private final SharingRecordRepository records;
    private final ClientFactsService facts;
    private final DocumentLookup documents;
    private final AccessProperties.UseContexts useContexts;
    private final TransactionTemplate transaction;
    private final RecordAudit audit;
    private final Clock clock;

    public SharingRecordService(DataSource dataSource, PlatformTransactionManager transactionManager, AuditLog audit,
                                ClientFactsService facts, DocumentLookup documents,
                                AccessProperties.UseContexts useContexts, Clock clock) {
        this.records = new SharingRecordRepository(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
        this.audit = new RecordAudit(audit);
        this.facts = Objects.requireNonNull(facts);
        this.documents = Objects.requireNonNull(documents);
        this.useContexts = Objects.requireNonNull(useContexts);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Adds a record for the client, recorded by the acting organisation.
     *
     * @throws ArchiveException INVALID_IDENTITY_CODE, USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, CLIENT_NOT_SERVED,
     *                          DATE_IN_FUTURE (informing), INVALID_VALIDITY_PERIOD, TEXT_TOO_LONG, INVALID_OID,
     *                          INVALID_SERVICE_TASK, DENIED_DOCUMENT_UNKNOWN
     */
    public SharingRecord record(String clientId, NewSharingRecord request, RequestContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        String client = PersonalIdentityCode.of(clientId).value();
        return audit.refusalsAudited(context, request.kind().recording(), client, () -> {
            LocalDate today = today();
            LocalDate from = request.validFrom() == null ? today : request.validFrom();
            if (request.kind() == SharingRecordKind.INFORMING && from.isAfter(today)) {
                throw new ArchiveException(ErrorCode.DATE_IN_FUTURE, "informedOn " + from + " is after today " + today);
            }
            Checks.period("validFrom", from, "validUntil", request.validUntil());
            String description = Checks.text("description", request.description(), Checks.MAX_TEXT);
            String target = request.target() == null ? null : targetSyntax(request.target(), request.targetValue());
            String basis = servingOrRefuse(client, context, today);
            if (request.target() == DenialTarget.DOCUMENT) {
                target = deniedSet(client, target);
            }
            SharingRecord created = new SharingRecord(RecordId.random(), client, request.kind(), from,
                    request.validUntil(), request.target(), target, description, Stamp.of(context, clock.instant()), null);
            return Storage.call(() -> transaction.execute(status -> {
                records.insert(created);
                audit.changed(context, request.kind().recording(), client, "recorded " + describe(created)
                        + "; serving the client on " + basis);
                return created;
            }));
        });
    }

    /**
     * Withdraws a record of the client: from today it no longer applies (informing: it was recorded in error). The
     * record stays in the history with the withdrawal's stamp.
     *
     * @throws ArchiveException INVALID_IDENTITY_CODE, USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, CLIENT_NOT_SERVED,
     *                          SHARING_RECORD_NOT_FOUND, SHARING_RECORD_ALREADY_WITHDRAWN, TEXT_TOO_LONG
     */
    public SharingRecord withdraw(String clientId, SharingRecordKind kind, RecordId id, String reason,
                                  RequestContext context) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(context, "context");
        String client = PersonalIdentityCode.of(clientId).value();
        return audit.refusalsAudited(context, kind.withdrawal(), client, () -> {
            String why = Checks.text("reason", reason, Checks.MAX_TEXT);
            LocalDate today = today();
            String basis = servingOrRefuse(client, context, today);
            SharingRecord record = Storage.call(() -> records.find(client, kind, id)).orElseThrow(() ->
                    new ArchiveException(ErrorCode.SHARING_RECORD_NOT_FOUND, "No " + kind.label() + " record " + id
                            + " of this client"));
            if (record.withdrawn()) {
                throw alreadyWithdrawn(record);
            }
            Ending withdrawal = new Ending(today, Stamp.of(context, clock.instant()),
                    why);
            return Storage.call(() -> transaction.execute(status -> {
                if (!records.withdraw(id, withdrawal)) {
                    throw alreadyWithdrawn(records.find(client, kind, id).orElseThrow());
                }
                audit.changed(context, kind.withdrawal(), client, "withdrew " + describe(record) + " from " + today
                        + "; serving the client on " + basis);
                return records.find(client, kind, id).orElseThrow();
            }));
        });
    }

    /**
     * Every record of the kind for the client, oldest first, withdrawn ones included with their withdrawal.
     *
     * @throws ArchiveException INVALID_IDENTITY_CODE, USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, CLIENT_NOT_SERVED
     */
    public List<SharingRecord> history(String clientId, SharingRecordKind kind, RequestContext context) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(context, "context");
        String client = PersonalIdentityCode.of(clientId).value();
        return audit.refusalsAudited(context, kind.reading(), client, () -> {
            String basis = servingOrRefuse(client, context, today());
            List<SharingRecord> history = Storage.call(() -> records.history(client, kind));
            audit.read(context, kind.reading(), client, "read " + history.size() + " " + kind.label()
                    + " records; serving the client on " + basis);
            return history;
        });
    }

    /** The basis on which the acting organisation serves the client, or a refusal. */
    private String servingOrRefuse(String client, RequestContext context, LocalDate today) {
        String purpose = context.purposeOfUse();
        if (!useContexts.ownRegister().contains(purpose) && !useContexts.registerAccess().contains(purpose)) {
            throw new ArchiveException(ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, "Use context " + purpose
                    + " is neither an own-register nor a register-access use context");
        }
        ClientFacts clientFacts = facts.facts(client);
        String organisation = context.organisation().value();
        String basis = ClientFactsService.servingBasis(clientFacts, organisation, today);
        if (basis == null) {
            throw new ArchiveException(ErrorCode.CLIENT_NOT_SERVED, "Organisation " + organisation
                    + " has no active client relationship with the client and no register access right over the client"
                    + " in effect on " + today);
        }
        return basis;
    }

    /** The target value checked for its kind: an OID for a document or a controller, a code for a service task. */
    private static String targetSyntax(DenialTarget target, String value) {
        return switch (target) {
            case DOCUMENT, CONTROLLER -> Oid.of(value).value();
            case SERVICE_TASK -> Checks.serviceTask("target", value);
        };
    }

    /** A denied document is named by any version's OID; the denial names its whole set. */
    private String deniedSet(String client, String documentOid) {
        ArchivedDocument document = documents.find(documentOid)
                .filter(found -> client.equals(found.metadata().clientId()))
                .orElseThrow(() -> new ArchiveException(ErrorCode.DENIED_DOCUMENT_UNKNOWN, "Document " + documentOid
                        + " is not an archived document of this client"));
        return document.metadata().setId();
    }

    private static ArchiveException alreadyWithdrawn(SharingRecord record) {
        return new ArchiveException(ErrorCode.SHARING_RECORD_ALREADY_WITHDRAWN, "The " + record.kind().label()
                + " record " + record.id() + " was withdrawn at " + record.withdrawal().stamp().at());
    }

    private static String describe(SharingRecord record) {
        StringBuilder text = new StringBuilder(record.kind().label()).append(' ').append(record.id());
        if (record.kind() == SharingRecordKind.INFORMING) {
            text.append(" informed on ").append(record.validFrom());
        } else {
            text.append(" valid ").append(record.validFrom()).append("..")
                    .append(record.validUntil() == null ? "" : record.validUntil());
        }
        if (record.target() != null) {
            text.append(" of ").append(record.target()).append(' ').append(record.targetValue());
        }
        // ids are UUIDs, targets OIDs and codes: nothing here is an identity code to mask
        return text.toString();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
    }
}

package fi.arkisto.store.document.bench;

import fi.arkisto.store.accessrecords.NewAgreement;
import fi.arkisto.store.accessrecords.NewSharingRecord;
import fi.arkisto.store.accessrecords.RegisterAccessAgreementService;
import fi.arkisto.store.accessrecords.SharingRecordService;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.ClientDocumentsScope;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.KantaSamples;
import org.springframework.context.ApplicationContext;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.List;

/**
 * The benchmark's three listings of the same clients, each with the raw lookup that gives the same items, and the
 * facts that make them apply, recorded through the archive's own services: the organiser's own register; a provider
 * under a register access right (the organiser's client relationship document names a unit of the provider for
 * service task 24, and an agreement between them covers it), which lists the organiser's documents of that task; and
 * another controller with its own active client relationship, after the client was informed and consented, listing
 * every other controller's documents (scope all-controllers).
 */
final class ListScenarios {

    static final String ORGANISER = KantaSamples.SAMPLE_CONTROLLER;
    static final String PROVIDER = "1.2.246.10.29990001.10.0";
    static final String SHARER = "1.2.246.10.29990002.10.0";
    static final String SERVICE_TASK = "24";
    private static final LocalDate START = LocalDate.of(2014, 1, 1);
    private static final String OWN_OR_REGISTER_ACCESS = "1";
    private static final String SHARING = "2";

    /** One listing: who asks in which scope, and the raw lookup of the same items. */
    record Scenario(String name, RequestContext context, ClientDocumentsScope scope, RawListQuery raw) {
    }

    private final ArchivingService archiving;
    private final SharingRecordService sharing;
    private final RegisterAccessAgreementService agreements;
    private final RequestContext organiser = context(ORGANISER, OWN_OR_REGISTER_ACCESS);

    ListScenarios(ApplicationContext context) {
        this.archiving = context.getBean(ArchivingService.class);
        this.sharing = context.getBean(SharingRecordService.class);
        this.agreements = context.getBean(RegisterAccessAgreementService.class);
    }

    /**
     * For each client: the organiser's client relationship document (its own relationship and the provider's period
     * from {@link #START}), the sharer's client relationship document, the client's informing and consent; then the
     * organiser's agreement with the provider for {@link #SERVICE_TASK}.
     *
     * @return a client report (group 3) archived for the first client, the template of the loaded rows
     */
    String prepare(List<String> clients) {
        RequestContext sharer = context(SHARER, OWN_OR_REGISTER_ACCESS);
        String providerUnit = PROVIDER.substring(0, PROVIDER.length() - 1) + "21";
        for (String client : clients) {
            archiving.archive(KantaSamples.document().client(client).controller(ORGANISER)
                    .structuredForm(form -> {
                        ClientRelationshipForms.relationship(form, START, null);
                        ClientRelationshipForms.providers(form, SERVICE_TASK, new Provider(providerUnit, START, null));
                    }).build(), organiser);
            archiving.archive(KantaSamples.document().client(client).controller(SHARER)
                    .structuredForm(form -> ClientRelationshipForms.relationship(form, START, null)).build(), sharer);
            sharing.record(client, NewSharingRecord.informing(START, "bench"), organiser);
            sharing.record(client, NewSharingRecord.consent(START, null, "bench"), organiser);
        }
        agreements.create(new NewAgreement(Oid.of(ORGANISER), Oid.of(PROVIDER), false, List.of(SERVICE_TASK), START,
                null, "bench"), organiser);
        return archiving.archive(KantaSamples.document().client(clients.get(0)).controller(ORGANISER)
                .serviceTask(SERVICE_TASK).documentGroup("3").build(), organiser).document().oid().value();
    }

    static List<Scenario> scenarios(DataSource dataSource) {
        return List.of(
                new Scenario("own register", context(ORGANISER, OWN_OR_REGISTER_ACCESS), ClientDocumentsScope.REGISTERS,
                        RawListQuery.inRegisters(dataSource, List.of(ORGANISER))),
                new Scenario("provider under a register access right", context(PROVIDER, OWN_OR_REGISTER_ACCESS),
                        ClientDocumentsScope.REGISTERS,
                        RawListQuery.inRegistersOfTask(dataSource, List.of(PROVIDER, ORGANISER), SERVICE_TASK)),
                new Scenario("all-controllers sharing", context(SHARER, SHARING), ClientDocumentsScope.ALL_CONTROLLERS,
                        RawListQuery.allBut(dataSource, SHARER)));
    }

    private static RequestContext context(String organisation, String useContext) {
        return new RequestContext(Oid.of(organisation), "bench", useContext);
    }
}

package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.registeraccess.DeploymentTestWindows;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.document.DocumentLookup;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.organisation.OrganisationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The records behind the access facts, for any application holding the archive store: the sharing record and
 * agreement services and the client facts, with the {@link AccessProperties} the archive store binds. A
 * provider unit's organisation is the {@link OrganisationRegistry}'s answer (its assignments, else the OID rule), or
 * a {@link UnitOrganisation} bean's when one is given; the register access right deployment tests under way are the
 * {@link DeploymentTestWindows} bean's (the archive store's test run ledger).
 */
@Configuration(proxyBeanMethods = false)
public class AccessRecordsConfiguration {

    @Bean
    public DocumentLookup documentLookup(ObjectStore objects, CdaParser parser, DataSource dataSource) {
        return new DocumentLookup(objects, parser, dataSource);
    }

    @Bean
    public RegisterAccessAgreementService registerAccessAgreementService(DataSource dataSource,
                                                                         PlatformTransactionManager transactionManager,
                                                                         AuditLog audit, ObjectProvider<Clock> clock) {
        return new RegisterAccessAgreementService(dataSource, transactionManager, audit,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public ClientFactsService clientFactsService(DocumentLookup documents, RegisterAccessAgreementService agreements,
                                                 DataSource dataSource, ObjectProvider<UnitOrganisation> units,
                                                 ObjectProvider<OrganisationRegistry> registry,
                                                 ObjectProvider<DeploymentTestWindows> tests) {
        UnitOrganisation unitOrganisation = units.getIfAvailable(() -> {
            OrganisationRegistry organisations = registry.getIfAvailable();
            return organisations == null ? UnitOrganisation.byRule() : organisations.unitOrganisation();
        });
        // an application without the archive store's deployment test ledger has no test under way
        return new ClientFactsService(documents, agreements, dataSource, unitOrganisation,
                tests.getIfAvailable(() -> DeploymentTestWindows.NONE));
    }

    @Bean
    public SharingRecordService sharingRecordService(DataSource dataSource, PlatformTransactionManager transactionManager,
                                                     AuditLog audit, ClientFactsService facts, DocumentLookup documents,
                                                     AccessProperties access, ObjectProvider<Clock> clock) {
        return new SharingRecordService(dataSource, transactionManager, audit, facts, documents, access.useContexts(),
                clock.getIfAvailable(Clock::systemUTC));
    }
}

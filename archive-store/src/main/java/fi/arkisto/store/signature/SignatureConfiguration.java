package fi.arkisto.store.signature;

import fi.arkisto.store.access.ActingOrganisations;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.RegisterAccessActing;
import fi.arkisto.store.schedule.ScheduleConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;

import java.time.Clock;

/**
 * Spring wiring of the signature feature. The verifier is an archiving-stage {@link fi.arkisto.store.document.DocumentCheck}
 * while {@code arkisto.signature.enabled} (default true), against the trust anchor directory re-read every
 * {@code arkisto.signature.trust-anchors-reload-interval}; the system signer exists when
 * {@code arkisto.signature.system-signer.keystore} is configured, its password read from the environment variable
 * named by {@code arkisto.signature.system-signer.password-env}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignatureProperties.class)
@Import(ScheduleConfiguration.class)
public class SignatureConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "arkisto.signature", name = "enabled", havingValue = "true", matchIfMissing = true)
    public TrustAnchorDirectory trustAnchorDirectory(SignatureProperties properties) {
        return TrustAnchorDirectory.load(properties.trustAnchors());
    }

    @Bean
    @ConditionalOnProperty(prefix = "arkisto.signature", name = "enabled", havingValue = "true", matchIfMissing = true)
    public SignatureVerifier signatureVerifier(SignatureProperties properties, TrustAnchorDirectory trustAnchorDirectory,
                                               ActingOrganisations actingOrganisations) {
        return new SignatureVerifier(properties, trustAnchorDirectory, actingOrganisations, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(prefix = "arkisto.signature", name = "enabled", havingValue = "true", matchIfMissing = true)
    public TrustAnchorReloadSchedule trustAnchorReloadSchedule(SignatureProperties properties,
                                                               TrustAnchorDirectory trustAnchorDirectory,
                                                               @Qualifier(ScheduleConfiguration.SCHEDULER) TaskScheduler scheduler) {
        return new TrustAnchorReloadSchedule(trustAnchorDirectory, scheduler, properties.trustAnchorsReloadInterval());
    }

    /**
     * Who may sign for a controller: the configured producers ({@code arkisto.signature.producers}), and the providers
     * the organiser's client relationship document of the document's client names (docs/trust.md), where the clients'
     * facts are at hand.
     */
    @Bean
    @ConditionalOnMissingBean
    public ActingOrganisations actingOrganisations(SignatureProperties properties,
                                                   ObjectProvider<ClientFactsSource> clients) {
        ActingOrganisations configured = SignatureVerifier.producers(properties);
        // without the clients' facts (the signature settings on their own) only the configured relations hold
        ClientFactsSource facts = clients.getIfAvailable();
        return facts == null ? configured : new RegisterAccessActing(configured, facts);
    }

    @Bean
    @ConditionalOnProperty(prefix = "arkisto.signature.system-signer", name = "keystore")
    public SystemSigner systemSigner(SignatureProperties properties, Environment environment) {
        SignatureProperties.SystemSignerKeystore keystore = properties.systemSigner();
        // The environment variable is read through Spring's Environment, which holds the process environment.
        String password = environment.getProperty(keystore.passwordEnv());
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("The system signer's key store password is not set: environment variable "
                    + keystore.passwordEnv() + " is empty");
        }
        return SystemSigner.fromPkcs12(keystore.keystore(), password.toCharArray(), keystore.alias(), Clock.systemUTC());
    }
}

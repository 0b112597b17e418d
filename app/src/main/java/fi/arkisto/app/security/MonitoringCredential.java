package fi.arkisto.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The one credential that may scrape the metrics ({@code arkisto.security.monitoring}). It is kept apart from the API
 * clients on purpose: a scraper reads operational figures, never client data, and a client system's password must
 * not open the metrics. Without one configured nobody can scrape (there is no default password outside the dev
 * profile), and the start log says so.
 */
final class MonitoringCredential implements UserDetailsService {

    static final String ROLE_MONITORING = "MONITORING";
    private static final Logger log = LoggerFactory.getLogger(MonitoringCredential.class);

    private final UserDetails scraper;

    private MonitoringCredential(UserDetails scraper) {
        this.scraper = scraper;
    }

    static MonitoringCredential from(ApiSecurityProperties.Monitoring monitoring, BCryptPasswordEncoder encoder) {
        if (monitoring == null) {
            log.info("Metrics at /actuator/prometheus are closed: configure arkisto.security.monitoring.name and "
                    + ".password-hash (or .password from the environment) to scrape them");
            return new MonitoringCredential(null);
        }
        String hash = ApiClientRegistry.hashOf("arkisto.security.monitoring", monitoring.passwordHash(),
                monitoring.password(), encoder);
        return new MonitoringCredential(User.withUsername(monitoring.name()).password(hash).roles(ROLE_MONITORING).build());
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (scraper == null || !scraper.getUsername().equals(username)) {
            throw new UsernameNotFoundException("No such monitoring user");
        }
        return User.withUserDetails(scraper).build();
    }
}

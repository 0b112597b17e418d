package fi.arkisto.app.citizen;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The citizen's page {@code /oma/} (docs/running.md, "The citizen's page"): static files of the app (HTML, a script
 * and its words, one style sheet) that call the citizen API with the citizen's bearer token. The page holds no data of its own, so
 * anyone may load it; what it shows comes from the citizen API, which checks the token. Its Content-Security-Policy
 * lets it load only its own files, connect only to the archive, and frame only the display forms it fetched (blob
 * URLs, in a sandboxed frame): nothing from another origin, no inline script.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CitizenPageConfiguration {

    static final String PAGE = "/oma/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-src blob:; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain citizenPage(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(new OrRequestMatcher(paths.matcher("/oma"), paths.matcher("/oma/**")))
                // no cookies and no session: the only POST (the dev login) takes JSON, which no cross-site form sends
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny())
                        .permissionsPolicyHeader(permissions -> permissions.policy(
                                "camera=(), microphone=(), geolocation=(), payment=()")))
                .build();
    }

    @Bean
    WebMvcConfigurer citizenPageViews() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/oma", PAGE);
                registry.addViewController(PAGE).setViewName("forward:" + PAGE + "index.html");
            }
        };
    }
}

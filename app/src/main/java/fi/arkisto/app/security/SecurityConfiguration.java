package fi.arkisto.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.local.LocalToolsCredential;
import fi.arkisto.app.problem.Problems;
import fi.arkisto.app.transport.ClientCertificateAnchors;
import fi.arkisto.app.transport.ClientCertificateProperties;
import fi.arkisto.app.transport.TransportSecurity;
import fi.arkisto.store.error.ErrorCode;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Who may call what. Five filter chains, most specific first:
 * <ol>
 *   <li>{@code /camunda/**}: the Camunda webapps do their own login (identity service) and CSRF protection;</li>
 *   <li>{@code /engine-rest/**}: the Camunda REST API, open by default upstream, here closed behind HTTP Basic
 *       against Camunda's identity service ({@link ProcessEngineAuthenticationFilter});</li>
 *   <li>{@code /api/**}: client information systems, stateless: by their TLS client certificate
 *       ({@link ClientCertificateFilter}), or HTTP Basic where password clients are on ({@link HttpBasicProperties});
 *       the audit verification only for auditor clients, the migrations also for the local tools' credential (HTTP Basic
 *       always);</li>
 *   <li>{@code /actuator/prometheus} and {@code /actuator/orphansweeps}: the metrics scraper's own credential
 *       ({@link MonitoringCredential}), HTTP Basic, stateless;</li>
 *   <li>everything else: health, OpenAPI and Swagger UI open; the rest denied.</li>
 * </ol>
 *
 * <p>Only in a servlet web application: the command-line tools that run the archive without a web server
 * ({@code migrate}) have no requests to secure, and Spring Security's {@link HttpSecurity} exists only where a
 * servlet container does. Whenever the server runs, every chain is in place.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    static final String API_REALM = "Arkisto API";
    static final String METRICS_REALM = "Arkisto metrics";

    /** Whether client systems may use passwords: as configured, else only without TLS (plain HTTP on the loopback). */
    @Bean
    PasswordClients passwordClients(HttpBasicProperties httpBasic, TransportSecurity transport) {
        return PasswordClients.decide(httpBasic, transport);
    }

    @Bean
    ApiClientRegistry apiClientRegistry(ApiSecurityProperties properties, ObjectProvider<LocalToolsCredential> localTools,
                                        PasswordClients passwords) {
        return ApiClientRegistry.from(properties, new BCryptPasswordEncoder(), localTools.getIfAvailable(), passwords.enabled());
    }

    @Bean
    ClientCertificateVerifier clientCertificateVerifier(ClientCertificateAnchors anchors, ClientCertificateProperties properties) {
        return new ClientCertificateVerifier(anchors, properties, Clock.systemUTC());
    }

    @Bean
    @Order(1)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // The webapps ship their own CSRF prevention filter; a second one would reject their logins.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaEngineRest(HttpSecurity http) throws Exception {
        // Authentication is enforced by Camunda's own filter (below) against its identity service.
        return http.securityMatcher(path("/engine-rest/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        return registration;
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, ApiClientRegistry clients, ClientCertificateVerifier certificates,
                            PasswordClients passwords, ObjectMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            if (passwords.enabled()) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + API_REALM + "\"");
            }
            problems.write(response, Problems.of(ErrorCode.AUTHENTICATION_REQUIRED, passwords.enabled()
                    ? "Authenticate as a registered client system with its TLS client certificate or with HTTP Basic"
                    : "Authenticate as a client system with its TLS client certificate"));
        };
        AccessDeniedHandler denied = (request, response, e) -> problems.write(response,
                Problems.of(ErrorCode.ACCESS_DENIED, "This client system may not use this resource"));
        return statelessBasic(http.securityMatcher(path("/api/**")), clients)
                // a certificate, when presented, decides who the caller is (and hides any Authorization header)
                .addFilterBefore(new ClientCertificateFilter(certificates, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/v1/audit/**"))
                        .hasRole(ApiClientRegistry.ROLE_AUDITOR)
                        // the local tools' credential (migrate command beside the server) reaches migrations only
                        .requestMatchers(path("/api/v1/migrations"), path("/api/v1/migrations/**"))
                        .hasAnyRole(ApiClientRegistry.ROLE_CLIENT, ApiClientRegistry.ROLE_LOCAL_TOOL)
                        .anyRequest().hasRole(ApiClientRegistry.ROLE_CLIENT))
                .httpBasic(basic -> basic.realmName(API_REALM).authenticationEntryPoint(unauthenticated))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain metrics(HttpSecurity http, ApiSecurityProperties properties) throws Exception {
        // Only the monitoring credential: API clients and Camunda users are unknown here.
        // the operators' read-only records (orphan sweeps) go with the metrics: same audience, same credential
        return statelessBasic(http.securityMatcher(new OrRequestMatcher(path("/actuator/prometheus"),
                        path("/actuator/orphansweeps"))),
                MonitoringCredential.from(properties.monitoring(), new BCryptPasswordEncoder()))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(MonitoringCredential.ROLE_MONITORING))
                .httpBasic(basic -> basic.realmName(METRICS_REALM))
                .build();
    }

    /**
     * HTTP Basic against these users only (no fall-through to a global authentication manager), for machine-to-machine
     * callers: stateless, so no cookies and no CSRF exposure, and no saved requests.
     */
    private static HttpSecurity statelessBasic(HttpSecurity http, UserDetailsService users) throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(new VerifiedPasswordCache(new BCryptPasswordEncoder(), Clock.systemUTC()));
        return http.authenticationManager(new ProviderManager(provider))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
    }

    @Bean
    @Order(5)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(Stream.of("/", "/error", "/actuator/health", "/actuator/health/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                                .map(SecurityConfiguration::path).toArray(RequestMatcher[]::new)).permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    WebMvcConfigurer requestContextResolution(ApiClientRegistry clients) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new RequestContextArgumentResolver(clients));
            }
        };
    }

    /**
     * Paths match on the request path, whichever servlet serves it: the Camunda webapps and REST API are
     * Jersey servlets, not Spring MVC handlers, so MVC-based matchers would not see them.
     */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

}

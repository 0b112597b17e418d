package fi.arkisto.app.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A request authenticated by a client system's certificate: the API role, and the auditor role where configured. */
final class ClientSystemAuthentication extends AbstractAuthenticationToken {

    private final ClientSystem system;
    private final X509Certificate certificate;

    ClientSystemAuthentication(ClientSystem system, X509Certificate certificate) {
        super(authorities(system));
        this.system = system;
        this.certificate = certificate;
        setAuthenticated(true);
    }

    private static List<SimpleGrantedAuthority> authorities(ClientSystem system) {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + ApiClientRegistry.ROLE_CLIENT));
        if (system.auditor()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + ApiClientRegistry.ROLE_AUDITOR));
        }
        return authorities;
    }

    @Override
    public ClientSystem getPrincipal() {
        return system;
    }

    @Override
    public X509Certificate getCredentials() {
        return certificate;
    }

    @Override
    public String getName() {
        return system.name();
    }
}

package fi.arkisto.app.camunda;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Creates the first Camunda administrator when it does not exist yet, so the webapps' open
 * "create the first admin" setup page is never reachable. The password is the configured one or, with
 * nothing configured, a random one printed once; a later start never changes an existing user.
 */
final class InitialAdministrator extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

    private final CamundaAdminProperties properties;

    InitialAdministrator(CamundaAdminProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        String username = properties.username();
        if (identity.createUserQuery().userId(username).count() > 0) {
            return;
        }
        boolean generated = properties.password() == null || properties.password().isBlank();
        String password = generated ? randomPassword() : properties.password();
        User user = identity.newUser(username);
        user.setFirstName("Arkisto");
        user.setLastName("Administrator");
        user.setPassword(password);
        identity.saveUser(user);
        ensureAdministratorsGroup(identity, engine.getAuthorizationService());
        identity.createMembership(username, Groups.CAMUNDA_ADMIN);
        if (generated) {
            log.warn("""

                    *** Created the Camunda administrator '{}' with the generated password: {}
                    *** It is shown only now. Sign in at /camunda/ and change it, or set arkisto.camunda.admin.password.""",
                    username, password);
        } else {
            log.info("Created the Camunda administrator '{}' with the configured password", username);
        }
    }

    private static void ensureAdministratorsGroup(IdentityService identity, AuthorizationService authorizations) {
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
            group.setName("Camunda administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
        for (Resources resource : Resources.values()) {
            boolean granted = authorizations.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN)
                    .resourceType(resource).resourceId(Authorization.ANY).count() > 0;
            if (!granted) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package fi.arkisto.workflows.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The processes' groups, what each may do in the Camunda webapps, and the configured users (least privilege: a
 * group sees the tasklist and the processes it works in; only operators see the cockpit). Created at every start
 * when missing; existing users and their passwords are never changed.
 */
public final class ProcessGroups extends AbstractProcessEnginePlugin {

    public static final String KELA_COORDINATORS = "kela-coordinators";
    public static final String KANTA_ARCHIVISTS = "kanta-archivists";
    public static final String DEPLOYMENT_LEADS = "deployment-leads";
    public static final String ARCHIVE_OPERATORS = "archive-operators";
    public static final String DEPLOYMENT_TEST = "deploymentTest";
    public static final String LEGACY_MIGRATION = "legacyMigration";
    public static final String CONTROLLER_CHANGE = "controllerChange";
    public static final String REGISTER_ACCESS_LIFECYCLE = "registerAccessLifecycle";

    private static final Logger log = LoggerFactory.getLogger(ProcessGroups.class);
    private static final Map<String, String> NAMES = Map.of(
            KELA_COORDINATORS, "Kelan käyttöönottokoordinaattorit / Kela deployment coordinators",
            KANTA_ARCHIVISTS, "Kanta-arkistonhoitajat / Kanta archivists",
            DEPLOYMENT_LEADS, "Organisaatioiden käyttöönoton vastaavat / Organisations' deployment leads",
            ARCHIVE_OPERATORS, "Arkiston operaattorit / Archive operators");

    private final List<ProcessUser> users;

    public ProcessGroups(List<ProcessUser> users) {
        DeploymentLeads.check(users);
        this.users = List.copyOf(users);
    }

    /** Camunda's default id pattern is letters and digits; the groups' names have dashes, user ids may have dots. */
    static final String RESOURCE_ID_PATTERN = "[a-zA-Z0-9._-]+|camunda-admin";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setGeneralResourceWhitelistPattern(RESOURCE_ID_PATTERN);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        NAMES.forEach((id, name) -> {
            if (identity.createGroupQuery().groupId(id).count() == 0) {
                Group group = identity.newGroup(id);
                group.setName(name);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
            grant(authorizations, id, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(authorizations, id, Resources.FILTER, Authorization.ANY, Permissions.READ);
        });
        grant(authorizations, KELA_COORDINATORS, Resources.PROCESS_DEFINITION, DEPLOYMENT_TEST, Permissions.READ);
        grant(authorizations, KANTA_ARCHIVISTS, Resources.PROCESS_DEFINITION, DEPLOYMENT_TEST, Permissions.READ);
        grant(authorizations, DEPLOYMENT_LEADS, Resources.PROCESS_DEFINITION, DEPLOYMENT_TEST, Permissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(authorizations, DEPLOYMENT_LEADS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        grant(authorizations, ARCHIVE_OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(authorizations, ARCHIVE_OPERATORS, Resources.PROCESS_DEFINITION, DEPLOYMENT_TEST, Permissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(authorizations, ARCHIVE_OPERATORS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        grant(authorizations, ARCHIVE_OPERATORS, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
        // operators start migrations from the tasklist, review their rejects, and retry a failed job's incident
        grant(authorizations, ARCHIVE_OPERATORS, Resources.PROCESS_DEFINITION, LEGACY_MIGRATION, Permissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                ProcessDefinitionPermissions.RETRY_JOB, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
        // controller changes: each controller's own deployment leads approve (the approval task's candidate group
        // deployment-leads-<OID>, whose task authorization the engine grants: DeploymentLeads), not every lead; operators
        // schedule and retry a failed job. What an earlier version granted every lead is taken back.
        grant(authorizations, DEPLOYMENT_LEADS, Resources.PROCESS_DEFINITION, CONTROLLER_CHANGE, Permissions.READ);
        revoke(authorizations, DEPLOYMENT_LEADS, Resources.PROCESS_DEFINITION, CONTROLLER_CHANGE,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_WORK,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
        grant(authorizations, ARCHIVE_OPERATORS, Resources.PROCESS_DEFINITION, CONTROLLER_CHANGE, Permissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_WORK,
                ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
        // coordinators decide on recommended tests and see the lifecycles; operators follow them and retry incidents
        grant(authorizations, KELA_COORDINATORS, Resources.PROCESS_DEFINITION, REGISTER_ACCESS_LIFECYCLE, Permissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(authorizations, ARCHIVE_OPERATORS, Resources.PROCESS_DEFINITION, REGISTER_ACCESS_LIFECYCLE, Permissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.RETRY_JOB, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
        for (ProcessUser configured : users) {
            ensureUser(identity, configured);
        }
        DeploymentLeads.ensure(identity, users);
    }

    private static void ensureUser(IdentityService identity, ProcessUser configured) {
        if (identity.createUserQuery().userId(configured.id()).count() == 0) {
            boolean generated = configured.password() == null || configured.password().isBlank();
            String password = generated ? randomPassword() : configured.password();
            User user = identity.newUser(configured.id());
            user.setFirstName(configured.firstName() == null ? configured.id() : configured.firstName());
            user.setLastName(configured.lastName() == null ? "" : configured.lastName());
            user.setEmail(configured.email());
            user.setPassword(password);
            identity.saveUser(user);
            if (generated) {
                log.warn("Created the Camunda user '{}' with the generated password: {} (shown only now)", configured.id(),
                        password);
            }
        }
        for (String group : configured.groups()) {
            if (!NAMES.containsKey(group)) {
                throw new IllegalStateException("arkisto.workflows.users: unknown group " + group + " of user "
                        + configured.id() + "; one of " + NAMES.keySet());
            }
            if (identity.createUserQuery().userId(configured.id()).memberOfGroup(group).count() == 0) {
                identity.createMembership(configured.id(), group);
            }
        }
    }

    private static void grant(AuthorizationService authorizations, String group, Resource resource, String resourceId,
                              Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(resourceId).list().stream().findFirst().orElse(null);
        Authorization authorization = existing != null ? existing
                : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private static void revoke(AuthorizationService authorizations, String group, Resource resource, String resourceId,
                               Permission... permissions) {
        for (Authorization existing : authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(resourceId).list()) {
            if (existing.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT) {
                for (Permission permission : permissions) {
                    existing.removePermission(permission);
                }
                authorizations.saveAuthorization(existing);
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

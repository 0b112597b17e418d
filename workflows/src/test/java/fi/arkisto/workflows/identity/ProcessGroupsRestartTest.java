package fi.arkisto.workflows.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a start does to the deployment leads' organisations and permissions on an engine that already has them (two
 * starts on one in-memory database): a lead's groups follow its configured organisations, and the blanket task
 * permissions every lead once had on controller changes are taken back.
 */
class ProcessGroupsRestartTest {

    private static final String A = "1.2.246.10.12345671.10.0";
    private static final String B = "1.2.246.10.12345672.10.0";

    private final String database = "jdbc:h2:mem:process-groups-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000";

    @Test
    void aLeadsOrganisationGroupsFollowItsConfigurationFromStartToStart() {
        // given a lead of A and B
        ProcessEngine first = start(List.of(lead(A, B)));
        assertThat(groupsOf(first)).containsExactly("deployment-leads", DeploymentLeads.groupOf(A),
                DeploymentLeads.groupOf(B));
        first.close();

        // when the next start configures it as a lead of B alone
        ProcessEngine second = start(List.of(lead(B)));

        // then it is no longer in A's group, and A's group has no lead
        assertThat(groupsOf(second)).containsExactly("deployment-leads", DeploymentLeads.groupOf(B));
        assertThat(new DeploymentLeads(second.getIdentityService()).of(A)).isEmpty();
        assertThat(new DeploymentLeads(second.getIdentityService()).of(B)).containsExactly("lead-1");
        second.close();
    }

    @Test
    void theTaskPermissionsEveryLeadHadOnControllerChangesAreTakenBackAtStart() {
        // given an engine whose deployment leads may read and work every controller change task, as before
        ProcessEngine first = start(List.of());
        AuthorizationService authorizations = first.getAuthorizationService();
        Authorization blanket = controllerChangeGrant(authorizations);
        blanket.addPermission(ProcessDefinitionPermissions.READ_TASK);
        blanket.addPermission(ProcessDefinitionPermissions.TASK_WORK);
        blanket.addPermission(ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
        authorizations.saveAuthorization(blanket);
        first.close();

        // when it starts again
        ProcessEngine second = start(List.of());

        // then the leads may read the process's definition and nothing of its tasks
        Authorization now = controllerChangeGrant(second.getAuthorizationService());
        assertThat(now.isPermissionGranted(ProcessDefinitionPermissions.READ)).isTrue();
        assertThat(now.isPermissionGranted(ProcessDefinitionPermissions.READ_TASK)).isFalse();
        assertThat(now.isPermissionGranted(ProcessDefinitionPermissions.TASK_WORK)).isFalse();
        assertThat(now.isPermissionGranted(ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE)).isFalse();
        second.close();
    }

    private ProcessEngine start(List<ProcessUser> users) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl(database);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("process-groups-" + UUID.randomUUID());
        configuration.getProcessEnginePlugins().add(new ProcessGroups(users));
        return configuration.buildProcessEngine();
    }

    private static Authorization controllerChangeGrant(AuthorizationService authorizations) {
        return authorizations.createAuthorizationQuery().groupIdIn(ProcessGroups.DEPLOYMENT_LEADS)
                .resourceType(Resources.PROCESS_DEFINITION).resourceId(ProcessGroups.CONTROLLER_CHANGE).singleResult();
    }

    private static List<String> groupsOf(ProcessEngine engine) {
        return engine.getIdentityService().createGroupQuery().groupMember("lead-1").orderByGroupId().asc().list()
                .stream().map(Group::getId).toList();
    }

    private static ProcessUser lead(String... organisations) {
        return new ProcessUser("lead-1", null, null, null, "test-only-lead", List.of("deployment-leads"),
                List.of(organisations));
    }
}

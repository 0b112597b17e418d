package fi.arkisto.workflows.identity;

import fi.arkisto.store.identity.Oid;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is the deployment lead of which organisation: the configured {@code deployment-leads} users that list the
 * organisation's OID ({@code arkisto.workflows.users[n].organisations}), each a member of the organisation's own
 * Camunda group {@code deployment-leads-<OID>}. A controller change is approved by the old controller and by the new
 * controller (kanta.fi, controller change; docs/workflows.md, "Controller change"): each approval task's candidates are
 * that organisation's group, so the engine's task authorizations let only its leads see and complete it.
 */
public final class DeploymentLeads {

    /** The prefix of an organisation's leads' group id. */
    public static final String GROUP_PREFIX = ProcessGroups.DEPLOYMENT_LEADS + "-";
    /** Camunda's group ids are at most 64 characters. */
    static final int MAX_OID_LENGTH = 64 - GROUP_PREFIX.length();

    private final IdentityService identity;

    public DeploymentLeads(IdentityService identity) {
        this.identity = Objects.requireNonNull(identity);
    }

    /** The Camunda group of the organisation's deployment leads. */
    public static String groupOf(String organisationOid) {
        return GROUP_PREFIX + organisationOid;
    }

    /** The user ids of the organisation's deployment leads, empty when none is known. */
    public List<String> of(String organisationOid) {
        return identity.createUserQuery().memberOfGroup(groupOf(organisationOid)).orderByUserId().asc().list()
                .stream().map(user -> user.getId()).toList();
    }

    /**
     * Refuses, at start, a configuration that would give a user approvals it was not meant to have: an organisation
     * that is not an OID Camunda can hold as a group, or organisations for a user outside {@code deployment-leads}.
     */
    static void check(List<ProcessUser> users) {
        for (int i = 0; i < users.size(); i++) {
            ProcessUser user = users.get(i);
            if (!user.organisations().isEmpty() && !user.groups().contains(ProcessGroups.DEPLOYMENT_LEADS)) {
                throw new IllegalStateException("arkisto.workflows.users[" + i + "] (" + user.id() + ") lists "
                        + "organisations but is not in the group " + ProcessGroups.DEPLOYMENT_LEADS
                        + ": organisations name whose deployment lead a user is");
            }
            for (int j = 0; j < user.organisations().size(); j++) {
                String oid = user.organisations().get(j);
                if (!Oid.isValid(oid) || oid.length() > MAX_OID_LENGTH) {
                    throw new IllegalStateException("arkisto.workflows.users[" + i + "].organisations[" + j + "] of "
                            + user.id() + ": '" + oid + "' is not an organisation OID (such as 1.2.246.10.12345678.10.0,"
                            + " at most " + MAX_OID_LENGTH + " characters)");
                }
            }
        }
    }

    /**
     * Creates the organisations' groups and makes each configured lead a member of exactly its organisations' groups:
     * an organisation taken off a user's list takes its approvals away at the next start.
     */
    static void ensure(IdentityService identity, List<ProcessUser> users) {
        for (ProcessUser user : users) {
            Set<String> wanted = new LinkedHashSet<>();
            user.organisations().forEach(oid -> wanted.add(groupOf(oid)));
            for (String group : wanted) {
                if (identity.createGroupQuery().groupId(group).count() == 0) {
                    Group created = identity.newGroup(group);
                    created.setName("Käyttöönoton vastaavat / Deployment leads: " + group.substring(GROUP_PREFIX.length()));
                    created.setType("WORKFLOW");
                    identity.saveGroup(created);
                }
                if (identity.createUserQuery().userId(user.id()).memberOfGroup(group).count() == 0) {
                    identity.createMembership(user.id(), group);
                }
            }
            for (Group member : identity.createGroupQuery().groupMember(user.id()).list()) {
                if (member.getId().startsWith(GROUP_PREFIX) && !wanted.contains(member.getId())) {
                    identity.deleteMembership(user.id(), member.getId());
                }
            }
        }
    }
}

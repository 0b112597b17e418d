package fi.arkisto.store.controllerchange;

import fi.arkisto.store.document.AssignedRegister;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.util.List;
import java.util.UUID;

/**
 * The SQL condition on {@code archive.document_version v} that selects a change's scope: the documents of the old
 * controller's register now (docs/access.md, "Controller change"), narrowed by the named document groups, service
 * tasks and service units (the same header rule as {@link ControllerChangeScope#covers}). The register now is the
 * old controller's own rows (by the index on (controller_oid, document_oid)) less those a completed change moved
 * away, and, in a chain, the rows a completed change moved into it (by the assignments' index on the new controller),
 * as long as no later change moved them on. The job's partitions go through it by document OID.
 *
 * @param where  the condition, with named parameters
 * @param params their values
 */
public record ControllerChangeSelection(String where, MapSqlParameterSource params) {

    /** The controller of the register a version is in now: the latest completed change's, else its custodian's. */
    static final String CURRENT_CONTROLLER = AssignedRegister.currentController("v");

    static ControllerChangeSelection of(UUID change, ControllerChangeScope scope, boolean chained) {
        return of(change, scope, chained, true);
    }

    /**
     * @param chained whether a completed change moved documents into the old controller's register (then the rows it
     *                received are candidates too; without, the selection stays one range of one index)
     * @param exact   leave out what is not in the register now (moved away by a completed change; moved in and on):
     *                for counting and verifying; the job's steps leave it out, since a lookup per row over a growing
     *                assignment table slows every step, and a step assigns only what is in the register now anyway
     */
    static ControllerChangeSelection of(UUID change, ControllerChangeScope scope, boolean chained, boolean exact) {
        StringBuilder where = new StringBuilder(chained ? "(v.controller_oid = :oldController OR v.document_oid IN"
                + " (SELECT r.document_oid FROM archive.controller_assignment r WHERE r.new_controller_oid"
                + " = :oldController))" : "v.controller_oid = :oldController");
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("oldController", scope.oldController())
                .addValue("change", change);
        in(where, params, "v.document_group", "groups", scope.documentGroups());
        in(where, params, "v.service_task", "tasks", scope.serviceTasks());
        in(where, params, "v.service_unit_oid", "units", scope.serviceUnits());
        if (exact && chained) {
            where.append(" AND ").append(CURRENT_CONTROLLER).append(" = :oldController");
        } else if (exact) {
            // with nothing moved in, a row is in the register unless a completed change moved it away: an anti-join
            // the planner may hash, rather than a lookup per row
            where.append(" AND NOT EXISTS (SELECT 1 FROM archive.controller_assignment x"
                    + " JOIN archive.controller_change o ON o.id = x.change_id AND o.completed_at IS NOT NULL"
                    + " WHERE x.document_oid = v.document_oid)");
        }
        return new ControllerChangeSelection(where.toString(), params);
    }

    private static void in(StringBuilder where, MapSqlParameterSource params, String column, String name,
                           List<String> values) {
        if (!values.isEmpty()) {
            where.append(" AND ").append(column).append(" IN (:").append(name).append(')');
            params.addValue(name, values);
        }
    }
}

package fi.arkisto.store.controllerchange;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.util.List;
import java.util.UUID;

/**
 * The SQL condition on {@code archive.document_version v} that selects a change's scope (the same rule as
 * {@link ControllerChangeScope#covers}): the old controller's rows by the index on (controller_oid, document_oid),
 * narrowed by the named document groups, service tasks and service units, leaving out documents another change
 * assigned. The job's reader pages through it by document OID.
 *
 * @param where  the condition, with named parameters
 * @param params their values
 */
public record ControllerChangeSelection(String where, MapSqlParameterSource params) {

    static ControllerChangeSelection of(UUID change, ControllerChangeScope scope) {
        return of(change, scope, true);
    }

    /**
     * @param excludeOthers leave out documents another change assigned (one not abandoned: an abandoned change's
     *                      assignments never took effect, so a later change of the scope moves them): for counting; the job's pages leave it out,
     *                      since an anti-join per page over a growing assignment table makes the run quadratic, and
     *                      the writer's ON CONFLICT skips such documents anyway
     */
    static ControllerChangeSelection of(UUID change, ControllerChangeScope scope, boolean excludeOthers) {
        StringBuilder where = new StringBuilder("v.controller_oid = :oldController");
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("oldController", scope.oldController())
                .addValue("change", change);
        in(where, params, "v.document_group", "groups", scope.documentGroups());
        in(where, params, "v.service_task", "tasks", scope.serviceTasks());
        in(where, params, "v.service_unit_oid", "units", scope.serviceUnits());
        if (excludeOthers) {
            where.append(" AND NOT EXISTS (SELECT 1 FROM archive.controller_assignment x"
                    + " JOIN archive.controller_change o ON o.id = x.change_id AND o.abandoned_at IS NULL"
                    + " WHERE x.document_oid = v.document_oid AND x.change_id <> :change)");
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

package fi.arkisto.store.organisation;

import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organisation registry in PostgreSQL (tables {@code archive.organisation*}): who has joined, with which client
 * information systems, and which functions each uses since when. The deployment test process updates it; the access
 * rules consult it for the organisation a service unit belongs to.
 */
public class OrganisationRegistry {

    private static final Pattern BUSINESS_ID = Pattern.compile("[0-9]{7}-[0-9]");

    private final JdbcTemplate jdbc;

    public OrganisationRegistry(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource));
    }

    /** Every organisation, by name. */
    public List<Organisation> findAll() {
        return assemble(jdbc.query("SELECT id, name, business_id, organisation_oid FROM archive.organisation ORDER BY name, id",
                OrganisationRegistry::row), null);
    }

    public Optional<Organisation> find(OrganisationId id) {
        return assemble(jdbc.query("SELECT id, name, business_id, organisation_oid FROM archive.organisation WHERE id = ?",
                OrganisationRegistry::row, id.value()), id).stream().findFirst();
    }

    public Optional<Organisation> findByOid(Oid oid) {
        List<Row> rows = jdbc.query("SELECT id, name, business_id, organisation_oid FROM archive.organisation "
                + "WHERE organisation_oid = ?", OrganisationRegistry::row, oid.value());
        return rows.isEmpty() ? Optional.empty() : find(rows.get(0).id);
    }

    /**
     * Adds an organisation that joins.
     *
     * @throws ArchiveException INVALID_FIELD_VALUE for a malformed business id, ORGANISATION_CONFLICT when the OID or
     *                          business id is registered already
     */
    public Organisation register(String name, String businessId, Oid oid) {
        if (name == null || name.isBlank()) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "An organisation needs a name");
        }
        checkBusinessId(businessId);
        try {
            Long id = jdbc.queryForObject("INSERT INTO archive.organisation (name, business_id, organisation_oid) "
                    + "VALUES (?, ?, ?) RETURNING id", Long.class, name.strip(), businessId,
                    oid == null ? null : oid.value());
            return find(new OrganisationId(id)).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new ArchiveException(ErrorCode.ORGANISATION_CONFLICT,
                    "An organisation with this OID or business id is registered already");
        }
    }

    /**
     * Completes the identifiers of a registered organisation (the reference data has none): an identifier already
     * known is never changed to another.
     */
    public Organisation identify(OrganisationId id, String businessId, Oid oid) {
        checkBusinessId(businessId);
        Organisation current = find(id).orElseThrow(() -> notFound(id));
        if (current.organisationOid() != null && oid != null && !current.organisationOid().equals(oid)) {
            throw new ArchiveException(ErrorCode.ORGANISATION_CONFLICT, "Organisation " + id + " is registered with OID "
                    + current.organisationOid() + ", not " + oid);
        }
        if (current.businessId() != null && businessId != null && !current.businessId().equals(businessId)) {
            throw new ArchiveException(ErrorCode.ORGANISATION_CONFLICT, "Organisation " + id
                    + " is registered with another business id");
        }
        try {
            jdbc.update("UPDATE archive.organisation SET business_id = coalesce(business_id, ?), "
                    + "organisation_oid = coalesce(organisation_oid, ?) WHERE id = ?",
                    businessId, oid == null ? null : oid.value(), id.value());
        } catch (DuplicateKeyException e) {
            throw new ArchiveException(ErrorCode.ORGANISATION_CONFLICT, "Another organisation has this OID or business id");
        }
        return find(id).orElseThrow();
    }

    /** Records that the organisation uses this client information system (once per product and version). */
    public void addSystem(OrganisationId id, ClientInformationSystem system) {
        jdbc.update("INSERT INTO archive.organisation_system (organisation_id, product, version, vendor) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (organisation_id, product, version) DO UPDATE SET vendor = excluded.vendor",
                id.value(), system.product(), system.version(), system.vendor());
    }

    /** Sets the state (and start date) of one function of the organisation. */
    public void setFunction(OrganisationId id, FunctionUse use) {
        int updated = jdbc.update("INSERT INTO archive.organisation_function (organisation_id, function, state, start_date, "
                + "updated_at) SELECT id, ?, ?, ?, now() FROM archive.organisation WHERE id = ? "
                + "ON CONFLICT (organisation_id, function) DO UPDATE SET state = excluded.state, "
                + "start_date = excluded.start_date, updated_at = now()",
                use.function().name(), use.state().name(), use.startDate() == null ? null : Date.valueOf(use.startDate()),
                id.value());
        if (updated == 0) {
            throw notFound(id);
        }
    }

    /** Records that a service unit belongs to an organisation other than the one its OID names. */
    public void assignUnit(Oid unitOid, OrganisationId organisation) {
        jdbc.update("INSERT INTO archive.organisation_unit (unit_oid, organisation_id) VALUES (?, ?) "
                + "ON CONFLICT (unit_oid) DO UPDATE SET organisation_id = excluded.organisation_id",
                unitOid.value(), organisation.value());
    }

    /**
     * The organisation a service unit belongs to (docs/access.md, "A client's facts"): the registry's assignment when there is one,
     * otherwise {@code 1.2.246.10.<business id>.10.0} for a unit {@code 1.2.246.10.<business id>.10.<n>}; empty when
     * neither says. The rule is the access rules' {@link UnitOrganisation}, with this registry as its lookup.
     */
    public Optional<Oid> organisationOfUnit(Oid unitOid) {
        return Optional.ofNullable(unitOrganisation().organisationOf(unitOid.value())).map(Oid::of);
    }

    /** The access rules' unit-to-organisation rule consulting this registry. */
    public UnitOrganisation unitOrganisation() {
        return new UnitOrganisation(this::assignedOrganisationOfUnit);
    }

    /** The OID of the organisation the registry assigns the unit to, or null when it assigns none. */
    public String assignedOrganisationOfUnit(String unitOid) {
        List<String> assigned = jdbc.queryForList("SELECT o.organisation_oid FROM archive.organisation_unit u "
                + "JOIN archive.organisation o ON o.id = u.organisation_id WHERE u.unit_oid = ?", String.class, unitOid);
        return assigned.isEmpty() ? null : assigned.get(0);
    }

    private static void checkBusinessId(String businessId) {
        if (businessId != null && !BUSINESS_ID.matcher(businessId).matches()) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "A business id has the form 1234567-8");
        }
    }

    static ArchiveException notFound(OrganisationId id) {
        return new ArchiveException(ErrorCode.ORGANISATION_NOT_FOUND, "No organisation " + id + " in the registry");
    }

    private List<Organisation> assemble(List<Row> rows, OrganisationId only) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ClientInformationSystem>> systems = new LinkedHashMap<>();
        Map<Long, List<FunctionUse>> functions = new LinkedHashMap<>();
        String where = only == null ? "" : " WHERE organisation_id = " + only.value();
        jdbc.query("SELECT organisation_id, product, version, vendor FROM archive.organisation_system" + where
                + " ORDER BY product, version", rs -> {
            systems.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new ClientInformationSystem(rs.getString(2), rs.getString(3), rs.getString(4)));
        });
        jdbc.query("SELECT organisation_id, function, state, start_date FROM archive.organisation_function" + where
                + " ORDER BY function", rs -> {
            Date start = rs.getDate(4);
            functions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new FunctionUse(
                    KantaFunction.valueOf(rs.getString(2)), FunctionState.valueOf(rs.getString(3)),
                    start == null ? null : start.toLocalDate()));
        });
        List<Organisation> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            result.add(new Organisation(row.id, row.name, row.businessId, row.oid == null ? null : Oid.of(row.oid),
                    systems.getOrDefault(row.id.value(), List.of()), functions.getOrDefault(row.id.value(), List.of())));
        }
        return result;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(new OrganisationId(rs.getLong("id")), rs.getString("name"), rs.getString("business_id"),
                rs.getString("organisation_oid"));
    }

    private record Row(OrganisationId id, String name, String businessId, String oid) {
    }

    /** The start date of a function in use, for callers that only need the date. */
    public Optional<LocalDate> inUseSince(OrganisationId id, KantaFunction function) {
        return find(id).flatMap(o -> o.function(function)).filter(f -> f.state() == FunctionState.IN_USE)
                .map(FunctionUse::startDate);
    }
}

package fi.arkisto.store.access.registeraccess;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The organisation a service unit belongs to. Organisation and unit OIDs in Kanta documents follow the SOTE
 * organisation register's form {@code 1.2.246.10.<business id>.10.<n>}, the organisation itself being
 * {@code .10.0}; a unit belongs to the organisation of its business id unless the organisation register says
 * otherwise (units keep their OIDs when they move, e.g. the real sample's unit {@code 1.2.246.10.1246109.10.2001213}
 * of the City of Vantaa's business id serving the Vantaa and Kerava wellbeing services county). The register lookup
 * is injected; this class does no I/O.
 */
public final class UnitOrganisation {

    private static final String PREFIX = "1.2.246.10.";
    private static final String ORGANISATION_ARC = ".10.";

    private final Function<String, String> registry;

    /** @param registry the organisation register's answer for a unit OID, or null when it has none */
    public UnitOrganisation(Function<String, String> registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public static UnitOrganisation byRule() {
        return new UnitOrganisation(unit -> null);
    }

    public static UnitOrganisation withRegistry(Map<String, String> unitToOrganisation) {
        Map<String, String> copy = Map.copyOf(unitToOrganisation);
        return new UnitOrganisation(copy::get);
    }

    /** The organisation OID, or null when the OID is not of the form {@code 1.2.246.10.<business id>.10.<n>}. */
    public String organisationOf(String unitOid) {
        if (unitOid == null) {
            return null;
        }
        String registered = registry.apply(unitOid);
        if (registered != null) {
            return registered;
        }
        if (!unitOid.startsWith(PREFIX)) {
            return null;
        }
        int businessIdEnd = unitOid.indexOf('.', PREFIX.length());
        if (businessIdEnd < 0 || !digits(unitOid, PREFIX.length(), businessIdEnd)
                || !unitOid.startsWith(ORGANISATION_ARC, businessIdEnd)) {
            return null;
        }
        int unitStart = businessIdEnd + ORGANISATION_ARC.length();
        if (!digits(unitOid, unitStart, unitOid.length())) {
            return null;
        }
        return unitOid.substring(0, unitStart) + "0";
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}

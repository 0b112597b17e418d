package fi.arkisto.store.organisation;

import java.util.Objects;

/**
 * A client information system (asiakastietojärjestelmä) an organisation uses with the archive: product, version and
 * vendor. The register access right's deployment test is required once per combination of the parties' systems
 * (kanta.fi, "Register access right of social welfare services"), compared by product and version.
 */
public record ClientInformationSystem(String product, String version, String vendor) {

    public ClientInformationSystem {
        product = required(product, "product");
        version = required(version, "version");
        vendor = required(vendor, "vendor");
    }

    private static String required(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > (name.equals("version") ? 64 : 256)) {
            throw new IllegalArgumentException("client information system " + name + " must be given (at most "
                    + (name.equals("version") ? 64 : 256) + " characters)");
        }
        return value.strip();
    }

    /** Product and version, the identity of a system in a register access right combination. */
    public String key() {
        return product + " " + version;
    }
}

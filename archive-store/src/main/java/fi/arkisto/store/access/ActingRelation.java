package fi.arkisto.store.access;

import java.util.Objects;

/**
 * The basis on which an organisation acts for a register's controller (see {@link ActingOrganisations}).
 *
 * @param kind  what kind of relation
 * @param basis who the relation is between, for the archive's evidence
 */
public record ActingRelation(Kind kind, String basis) {

    public enum Kind {
        /** The organisation is the register's controller itself. */
        CONTROLLER,
        /** A producer configured to make the controller's documents (e.g. the organiser's IT service provider). */
        PRODUCER,
        /**
         * A provider whose unit the organiser's client relationship document of the client names (a register access
         * right's provider, which archives into the organiser's register).
         */
        REGISTER_ACCESS
    }

    public ActingRelation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(basis, "basis");
    }
}

package fi.arkisto.store.organisation;

/** The registry's own id of an organisation (stable, independent of business id and OID, which may be unknown). */
public record OrganisationId(long value) {

    public OrganisationId {
        if (value <= 0) {
            throw new IllegalArgumentException("organisation id must be positive");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

package fi.arkisto.store.access.nondisclosure;

import java.util.List;

/**
 * A structured form with a protected person's location data blanked, for delivery to another organisation.
 *
 * @param json          the masked JSON (UTF-8)
 * @param maskedPointers JSON pointers of the fields whose values were replaced with null: the note that tells the
 *                      receiver what was left out
 */
public record MaskedStructuredForm(byte[] json, List<String> maskedPointers) {

    public MaskedStructuredForm {
        maskedPointers = List.copyOf(maskedPointers);
    }
}

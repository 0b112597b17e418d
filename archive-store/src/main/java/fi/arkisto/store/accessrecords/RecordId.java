package fi.arkisto.store.accessrecords;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.util.Objects;
import java.util.UUID;

/** The identifier of a sharing record or a register access agreement: a random UUID, unguessable and unordered. */
public record RecordId(UUID value) {

    public RecordId {
        Objects.requireNonNull(value, "value");
    }

    public static RecordId random() {
        return new RecordId(UUID.randomUUID());
    }

    /** @throws ArchiveException INVALID_RECORD_ID when the text is not a UUID */
    public static RecordId parse(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                // UUID.fromString accepts shortened groups such as 1-1-1-1-1
                throw new IllegalArgumentException(text);
            }
            return new RecordId(uuid);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ArchiveException(ErrorCode.INVALID_RECORD_ID, "Not a record identifier (a UUID)");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

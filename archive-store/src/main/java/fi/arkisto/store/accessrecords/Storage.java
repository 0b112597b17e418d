package fi.arkisto.store.accessrecords;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.dao.DataAccessException;

import java.util.function.Supplier;

/** A database failure of the record services as the archive's one code for it. */
final class Storage {

    private Storage() {
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The records could not be read or written", e);
        }
    }
}

package fi.arkisto.app.api.problem;

import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.error.ErrorCode;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The codes the access decision may refuse a read of one document with (docs/access.md, "Reading one document"):
 * the twin {@link ErrorCode} of every denial reason such a read can answer, and CLIENT_FACTS_UNREADABLE when the
 * client's facts cannot be read. Derived from the read service's own list, so the operations' descriptions cannot
 * drift from what it answers; {@link ApiErrors#reading()} adds it to an operation.
 */
public final class ReadingErrors {

    public static final Set<ErrorCode> CODES = codes();

    private ReadingErrors() {
    }

    private static Set<ErrorCode> codes() {
        EnumSet<ErrorCode> codes = EnumSet.of(ErrorCode.CLIENT_FACTS_UNREADABLE);
        DocumentReadService.readDenials().forEach(reason -> codes.add(ErrorCode.valueOf(reason.name())));
        return Collections.unmodifiableSet(codes);
    }
}

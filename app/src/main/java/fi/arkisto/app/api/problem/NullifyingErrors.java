package fi.arkisto.app.api.problem;

import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.error.ErrorCode;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The codes the access decision may refuse a nullification with (docs/access.md, "Archiving and nullifying"): the
 * twin {@link ErrorCode} of every denial reason a nullification can answer, and CLIENT_FACTS_UNREADABLE when the
 * client's facts cannot be read. Derived from the archiving service's own list; {@link ApiErrors#nullifying()} adds it
 * to an operation.
 */
public final class NullifyingErrors {

    public static final Set<ErrorCode> CODES = codes();

    private NullifyingErrors() {
    }

    private static Set<ErrorCode> codes() {
        EnumSet<ErrorCode> codes = EnumSet.of(ErrorCode.CLIENT_FACTS_UNREADABLE);
        ArchivingService.nullifyDenials().forEach(reason -> codes.add(ErrorCode.valueOf(reason.name())));
        return Collections.unmodifiableSet(codes);
    }
}

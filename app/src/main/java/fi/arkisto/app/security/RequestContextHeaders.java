package fi.arkisto.app.security;

import java.util.List;

/**
 * The request context headers every API call carries: the acting organisation, the
 * professional or system user, and the use context code ({@code 1} = the organiser's own register use); and the
 * optional assertions of the client system about the request (docs/access.md, "Request context").
 */
public final class RequestContextHeaders {

    public static final String ORGANISATION = "X-Organisation-Oid";
    public static final String USER = "X-User-Id";
    public static final String PURPOSE_OF_USE = "X-Purpose-Of-Use";
    public static final List<String> ALL = List.of(ORGANISATION, USER, PURPOSE_OF_USE);
    /** Optional: a code of 1.2.246.537.6.1299 (laajan tiedonhaun peruste) for a broad search. */
    public static final String BROAD_SEARCH_JUSTIFICATION = "X-Broad-Search-Justification";
    /** Optional: {@code true} when the professional may process data under non-disclosure for safety reasons. */
    public static final String NON_DISCLOSURE_RIGHT = "X-Non-Disclosure-Right";
    /** Optional: the provision of a statutory right to information the professional acts on. */
    public static final String STATUTORY_RIGHT = "X-Statutory-Right";
    public static final List<String> ASSERTIONS = List.of(BROAD_SEARCH_JUSTIFICATION, NON_DISCLOSURE_RIGHT,
            STATUTORY_RIGHT);

    private RequestContextHeaders() {
    }
}

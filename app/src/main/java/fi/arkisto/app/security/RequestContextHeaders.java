package fi.arkisto.app.security;

import java.util.List;

/**
 * The request context headers every API call carries (issue 2): the acting organisation, the
 * professional or system user, and the use context code ({@code 1} = the organiser's own register use).
 */
public final class RequestContextHeaders {

    public static final String ORGANISATION = "X-Organisation-Oid";
    public static final String USER = "X-User-Id";
    public static final String PURPOSE_OF_USE = "X-Purpose-Of-Use";
    public static final List<String> ALL = List.of(ORGANISATION, USER, PURPOSE_OF_USE);

    private RequestContextHeaders() {
    }
}

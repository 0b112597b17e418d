package fi.arkisto.app.security;

import fi.arkisto.store.actor.RequestAssertions;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the request context headers into a {@link RequestContext} for any controller parameter of
 * that type, and binds it to the authenticated client system: a client may act only for the
 * organisations it is registered for, or its certificate allows ({@code ACCESS_DENIED} otherwise): the
 * {@code X-Organisation-Oid} header chooses among them, it never adds to them.
 */
final class RequestContextArgumentResolver implements HandlerMethodArgumentResolver {

    // A user id names a professional or a system user; it is audited, so keep it printable and bounded.
    private static final Pattern USER_ID = Pattern.compile("[\\p{L}\\p{N}._@:\\-]{1,128}");
    // A use context is a code of code system 1.2.246.537.6.1289.201901, whose codes are numbers (1 = the organiser's own
    // register use): anything else is malformed (400); a well-formed code the access policy does not support is 403.
    private static final Pattern PURPOSE = Pattern.compile("[0-9]{1,4}");
    // Codes of 1.2.246.537.6.1299 are numbers like the use contexts; which ones are accepted is the access rules' call.
    private static final Pattern JUSTIFICATION = Pattern.compile("[0-9]{1,4}");
    // A provision ("SHL 41 §", "Laki sosiaalihuollon asiakkaan asemasta 20 §"): audited, so printable and bounded.
    private static final Pattern STATUTORY_RIGHT = Pattern.compile("[\\p{L}\\p{N} .,;:()§/\\-]{1,200}");

    private final ApiClientRegistry clients;

    RequestContextArgumentResolver(ApiClientRegistry clients) {
        this.clients = clients;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return RequestContext.class.equals(parameter.getParameterType());
    }

    @Override
    public RequestContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                          NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String organisation = request.getHeader(RequestContextHeaders.ORGANISATION);
        String user = request.getHeader(RequestContextHeaders.USER);
        String purpose = request.getHeader(RequestContextHeaders.PURPOSE_OF_USE);
        List<String> missing = new ArrayList<>();
        if (isBlank(organisation)) {
            missing.add(RequestContextHeaders.ORGANISATION);
        }
        if (isBlank(user)) {
            missing.add(RequestContextHeaders.USER);
        }
        if (isBlank(purpose)) {
            missing.add(RequestContextHeaders.PURPOSE_OF_USE);
        }
        if (!missing.isEmpty()) {
            throw new ArchiveException(ErrorCode.MISSING_REQUEST_CONTEXT, "Missing request context header(s): "
                    + String.join(", ", missing));
        }
        if (!Oid.isValid(organisation.strip())) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST_CONTEXT,
                    RequestContextHeaders.ORGANISATION + " is not a valid OID");
        }
        if (!USER_ID.matcher(user.strip()).matches()) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST_CONTEXT, RequestContextHeaders.USER
                    + " must be 1-128 letters, digits or . _ @ : -");
        }
        if (!PURPOSE.matcher(purpose.strip()).matches()) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST_CONTEXT, RequestContextHeaders.PURPOSE_OF_USE
                    + " must be a use context code of code system " + RequestContext.PURPOSE_CODE_SYSTEM
                    + ": 1-4 digits, e.g. 1 (the organiser's own register use)");
        }
        Oid acting = Oid.of(organisation.strip());
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String client = authentication == null ? null : authentication.getName();
        if (client == null || !clients.mayActFor(authentication, acting)) {
            throw new ArchiveException(ErrorCode.ACCESS_DENIED, "Client system " + client
                    + " is not registered to act for organisation " + acting);
        }
        return new RequestContext(acting, user.strip(), purpose.strip(), assertions(request));
    }

    private static RequestAssertions assertions(NativeWebRequest request) {
        String justification = request.getHeader(RequestContextHeaders.BROAD_SEARCH_JUSTIFICATION);
        String nonDisclosure = request.getHeader(RequestContextHeaders.NON_DISCLOSURE_RIGHT);
        String statutory = request.getHeader(RequestContextHeaders.STATUTORY_RIGHT);
        if (justification != null && !JUSTIFICATION.matcher(justification.strip()).matches()) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST_CONTEXT, RequestContextHeaders.BROAD_SEARCH_JUSTIFICATION
                    + " must be a code of code system 1.2.246.537.6.1299: 1-4 digits");
        }
        boolean nonDisclosureRight = false;
        if (nonDisclosure != null) {
            String value = nonDisclosure.strip();
            if (!value.equals("true") && !value.equals("false")) {
                throw new ArchiveException(ErrorCode.INVALID_REQUEST_CONTEXT, RequestContextHeaders.NON_DISCLOSURE_RIGHT
                        + " must be true or false");
            }
            nonDisclosureRight = value.equals("true");
        }
        if (statutory != null && !STATUTORY_RIGHT.matcher(statutory.strip()).matches()) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST_CONTEXT, RequestContextHeaders.STATUTORY_RIGHT
                    + " must be 1-200 letters, digits, spaces or . , ; : ( ) § / -");
        }
        return new RequestAssertions(justification == null ? null : justification.strip(), nonDisclosureRight,
                statutory == null ? null : statutory.strip());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

package fi.arkisto.app.api;

import fi.arkisto.app.api.problem.AcknowledgementErrors;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.app.api.problem.ArchivingErrors;
import fi.arkisto.app.api.problem.NullifyingErrors;
import fi.arkisto.app.api.problem.CitizenErrors;
import fi.arkisto.app.api.problem.ReadingErrors;
import fi.arkisto.app.problem.Problems;
import fi.arkisto.app.security.RequestContextHeaders;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI description at {@code /v3/api-docs}: the request context headers as parameters of every
 * operation that takes a {@link RequestContext}, and every error response as
 * {@code application/problem+json} with the {@code code} enumeration and the codes per status listed.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** Answered by any operation, before it is reached, when the client certificate does not authenticate. */
    static final List<ErrorCode> CLIENT_CERTIFICATE_CODES = List.of(ErrorCode.CLIENT_CERTIFICATE_UNTRUSTED,
            ErrorCode.CLIENT_CERTIFICATE_EXPIRED, ErrorCode.CLIENT_CERTIFICATE_REVOKED,
            ErrorCode.CLIENT_CERTIFICATE_WITHOUT_ORGANISATION, ErrorCode.CLIENT_CERTIFICATE_MALFORMED);

    static final String PROBLEM_SCHEMA = "Problem";
    static final String BASIC_AUTH = "clientSystem";
    static final String CITIZEN_BEARER = "citizen";
    /** The extension of each error response listing the codes it stands for. */
    static final String ERROR_CODES = "x-error-codes";

    static {
        // Resolved from headers by RequestContextArgumentResolver; documented as header parameters below.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(RequestContext.class);
        // the citizen's authentication (their bearer token), documented as the citizen security scheme
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(org.springframework.security.core.Authentication.class);
    }

    @Bean
    OpenAPI arkistoOpenApi() {
        Schema<?> code = new StringSchema()
                .description("Stable machine-readable error code; clients switch on it")
                ._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details with the stable error code")
                .addProperty("type", new StringSchema().description("Problem type URI (about:blank)"))
                .addProperty("title", new StringSchema().description("Short summary of the error code"))
                .addProperty("status", new IntegerSchema().description("HTTP status"))
                .addProperty("detail", new StringSchema().description("What exactly was wrong; never a full identity code"))
                .addProperty("instance", new StringSchema())
                .addProperty(Problems.CODE, code);
        problem.setRequired(List.of("title", "status", Problems.CODE));
        return new OpenAPI()
                .info(new Info().title("Arkisto API").version("v1")
                        .license(new License().name("Apache-2.0"))
                        .description("""
                                Client data archive for social welfare services (modelled on the Kanta archive).
                                Client information systems archive CDA R2 documents in the Kanta format and read them back.

                                The citizen API (/api/v1/citizen/**) is the citizen's own view of their documents
                                and of who has used their data (its access log): it authenticates the citizen with a
                                bearer token (JWT) of the issuer the archive trusts, takes no request context headers
                                and answers only what the citizen's view shows (docs/access.md, "The citizen API",
                                "The citizen's access log"). The page /oma/ calls it. Every other call authenticates as a client system: with its TLS client certificate (mutual TLS;
                                it acts for the organisation its certificate's subject serialNumber names, and for those the
                                archive's configuration adds), or, where password clients are on, with HTTP Basic as a
                                registered client system. A certificate that does not authenticate answers its own
                                `CLIENT_CERTIFICATE_*` code. Except the audit verification, every call names its request
                                context in three headers: the acting organisation (X-Organisation-Oid, one the client system
                                may act for: the header chooses, it never adds), the professional or system user (X-User-Id)
                                and the use context code (X-Purpose-Of-Use, 1 = the organiser's own register use); optional
                                headers carry what the client system asserts: a broad-search justification
                                (X-Broad-Search-Justification), the right to process non-disclosure data
                                (X-Non-Disclosure-Right: true) and a statutory right (X-Statutory-Right).
                                Every read and write of client data is audited before data leaves.

                                Errors are application/problem+json with a stable `code`; the codes each operation may answer
                                with are listed with its responses. Besides those, any path under /api answers
                                `PATH_NOT_FOUND` (404) where no operation exists and `METHOD_NOT_ALLOWED` (405, with Allow)
                                for a method its operations do not take. An outage of the archive's database or object
                                store is 503 `STORAGE_UNAVAILABLE` with a `Retry-After` header (seconds), on every
                                operation: retry after it; it is never a refusal of the request."""))
                .components(new Components()
                        .addSchemas(PROBLEM_SCHEMA, problem)
                        .addSecuritySchemes(BASIC_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A password client registered in arkisto.security.api-clients, where"
                                        + " arkisto.security.http-basic is on; otherwise client systems authenticate"
                                        + " with their TLS client certificates (mutual TLS)"))
                        .addSecuritySchemes(CITIZEN_BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("The citizen API (/api/v1/citizen/**): a JWT of the issuer the archive trusts"
                                        + " (arkisto.citizen.*), with the citizen's personal identity code in the"
                                        + " configured claim (arkisto.citizen.identity-claim)")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
    }

    @Bean
    OperationCustomizer requestContextAndProblems() {
        return (operation, handlerMethod) -> {
            boolean takesContext = Arrays.stream(handlerMethod.getMethodParameters())
                    .anyMatch(parameter -> RequestContext.class.equals(parameter.getParameterType()));
            if (takesContext) {
                addContextHeaders(operation);
            }
            addProblemResponses(operation, errorsOf(handlerMethod, takesContext));
            ApiErrors declared = handlerMethod.getMethodAnnotation(ApiErrors.class);
            if (declared != null && declared.citizen()) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(CITIZEN_BEARER)));
            }
            AcknowledgementErrors acknowledged = handlerMethod.getMethodAnnotation(AcknowledgementErrors.class);
            if (acknowledged != null) {
                Set<ErrorCode> codes = new LinkedHashSet<>(Arrays.asList(acknowledged.value()));
                if (acknowledged.archiving()) {
                    codes.addAll(ArchivingErrors.CODES);
                }
                describeAcknowledgementCodes(operation, codes);
            }
            return operation;
        };
    }

    /** The codes answered as problems: shared ones, those the method's signature implies, and the declared ones. */
    static Set<ErrorCode> errorsOf(HandlerMethod handlerMethod, boolean takesContext) {
        Set<ErrorCode> codes = new LinkedHashSet<>();
        ApiErrors declared = handlerMethod.getMethodAnnotation(ApiErrors.class);
        boolean citizen = declared != null && declared.citizen();
        if (citizen) {
            codes.addAll(CitizenErrors.TOKEN);
        } else {
            codes.add(ErrorCode.AUTHENTICATION_REQUIRED);
            codes.addAll(CLIENT_CERTIFICATE_CODES);
        }
        if (takesContext) {
            codes.add(ErrorCode.MISSING_REQUEST_CONTEXT);
            codes.add(ErrorCode.INVALID_REQUEST_CONTEXT);
        }
        if (!citizen) {
            // a citizen's refusals are the citizen's view's own codes
            codes.add(ErrorCode.ACCESS_DENIED);
        }
        // Spring answers 406 for an Accept header naming none of the operation's media types, and 415 for a
        // Content-Type the operation does not consume.
        codes.add(ErrorCode.NOT_ACCEPTABLE);
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(), RequestMapping.class);
        if (mapping != null && mapping.consumes().length > 0) {
            codes.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        boolean takesJsonBody = Arrays.stream(handlerMethod.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        if (takesJsonBody) {
            codes.add(ErrorCode.MALFORMED_JSON);
            codes.add(ErrorCode.INVALID_REQUEST);
        }
        if (declared != null) {
            codes.addAll(Arrays.asList(declared.value()));
            if (declared.archiving()) {
                codes.addAll(ArchivingErrors.CODES);
            }
            if (declared.nullifying()) {
                codes.addAll(NullifyingErrors.CODES);
            }
            if (declared.reading()) {
                codes.addAll(citizen ? CitizenErrors.READING : ReadingErrors.CODES);
            }
        }
        codes.add(ErrorCode.STORAGE_UNAVAILABLE);
        codes.add(ErrorCode.INTERNAL_ERROR);
        return codes;
    }

    /** The codes an acknowledgement's detail may carry, on the operation's 4XX acknowledgement response. */
    private static void describeAcknowledgementCodes(Operation operation, Set<ErrorCode> codes) {
        ApiResponse response = operation.getResponses() == null ? null : operation.getResponses().get("4XX");
        if (response == null) {
            throw new IllegalStateException("An operation with @AcknowledgementErrors must declare its 4XX acknowledgement");
        }
        // a state of the archive that passes (a controller change's pause) is answered 503 with Retry-After, as an
        // outage is: named on the operation's 503 response beside the problem codes
        List<ErrorCode> passing = codes.stream().filter(code -> code.httpStatus() >= 500).toList();
        Set<ErrorCode> refusals = new LinkedHashSet<>(codes);
        passing.forEach(refusals::remove);
        response.setDescription(response.getDescription() + " in acknowledgementDetail/code: " + refusals.stream()
                .map(code -> "`" + code.name() + "` (" + code.httpStatus() + "): " + code.title())
                .collect(Collectors.joining("; ")));
        response.addExtension(ERROR_CODES, refusals.stream().map(Enum::name).toList());
        for (ErrorCode code : passing) {
            ApiResponse unavailable = operation.getResponses().get(String.valueOf(code.httpStatus()));
            if (unavailable == null) {
                throw new IllegalStateException("An acknowledgement code of status " + code.httpStatus()
                        + " needs that response declared");
            }
            unavailable.setDescription(unavailable.getDescription() + "; `" + code.name() + "`: " + code.title());
            List<Object> named = new ArrayList<>();
            Object existing = unavailable.getExtensions() == null ? null : unavailable.getExtensions().get(ERROR_CODES);
            if (existing instanceof List<?> list) {
                named.addAll(list);
            }
            named.add(code.name());
            unavailable.addExtension(ERROR_CODES, named);
        }
    }

    private static void addContextHeaders(Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
        parameters.add(header(RequestContextHeaders.ORGANISATION,
                "OID of the acting organisation; the client system must be registered for it", "1.2.246.10.32213561.10.0"));
        parameters.add(header(RequestContextHeaders.USER,
                "The professional or system user acting (audited)", "sosiaalityontekija-1"));
        parameters.add(header(RequestContextHeaders.PURPOSE_OF_USE,
                "Use context code (1.2.246.537.6.1289.201901); 1 = the service organiser's own register use", "1"));
        parameters.add(header(RequestContextHeaders.BROAD_SEARCH_JUSTIFICATION, false,
                "Optional: broad-search justification, a code of 1.2.246.537.6.1299 (1-4 digits; audited)", "1"));
        parameters.add(header(RequestContextHeaders.NON_DISCLOSURE_RIGHT, false,
                "Optional: true when the professional may process data under non-disclosure for safety reasons "
                        + "(asserted by the client system; audited)", "false"));
        parameters.add(header(RequestContextHeaders.STATUTORY_RIGHT, false,
                "Optional: the provision of a statutory right to information the professional acts on (audited)",
                "SHL 41 §"));
        operation.setParameters(parameters);
    }

    private static Parameter header(String name, String description, String example) {
        return header(name, true, description, example);
    }

    private static Parameter header(String name, boolean required, String description, String example) {
        return new HeaderParameter().name(name).required(required).description(description)
                .schema(new StringSchema()).example(example);
    }

    /**
     * Adds the codes per HTTP status as {@code application/problem+json} responses. A status the operation already
     * documents by annotation (such as an acknowledgement's 503) keeps its content and description and gains the
     * problem's, so one status can be answered both ways.
     */
    private static void addProblemResponses(Operation operation, Set<ErrorCode> codes) {
        Map<Integer, List<ErrorCode>> byStatus = codes.stream()
                .collect(Collectors.groupingBy(ErrorCode::httpStatus, TreeMap::new, Collectors.toList()));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, statusCodes) -> {
            String description = statusCodes.stream().map(code -> "`" + code.name() + "`: " + code.title())
                    .collect(Collectors.joining("; "));
            ApiResponse response = responses.get(String.valueOf(status));
            if (response == null) {
                response = new ApiResponse().description(description);
                responses.addApiResponse(String.valueOf(status), response);
            } else {
                response.description(response.getDescription() == null || response.getDescription().isBlank()
                        ? description : response.getDescription() + "; " + description);
            }
            if (response.getContent() == null) {
                response.content(new Content());
            }
            response.getContent().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
            response.addExtension(ERROR_CODES, statusCodes.stream().map(Enum::name).toList());
            if (status == 503) {
                // an outage of the database or the object store: retryable, and the answer says when
                response.addHeaderObject(org.springframework.http.HttpHeaders.RETRY_AFTER, new Header()
                        .description("Seconds to wait before retrying (arkisto.api.retry-after)")
                        .schema(new IntegerSchema()));
            }
        });
        operation.setResponses(responses);
    }
}

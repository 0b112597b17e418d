package fi.arkisto.app.api.organisation;

import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.FunctionUse;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationId;
import fi.arkisto.store.organisation.OrganisationRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** The organisation registry, read-only: who has joined, with which systems, which functions in use since when. */
@RestController
@RequestMapping("/api/v1/organisations")
@Tag(name = "Organisations", description = "The organisation registry: joined organisations, their client information "
        + "systems and the functions they use with their start dates")
class OrganisationController {

    private final OrganisationRegistry registry;

    OrganisationController(OrganisationRegistry registry) {
        this.registry = registry;
    }

    record OrganisationView(long id, String name, String businessId, String organisationOid,
                            List<ClientInformationSystem> systems, List<FunctionView> functions) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id().value(), o.name(), o.businessId(),
                    o.organisationOid() == null ? null : o.organisationOid().value(), o.systems(),
                    o.functions().stream().map(FunctionView::of).toList());
        }
    }

    record FunctionView(String function, String state, LocalDate startDate) {
        static FunctionView of(FunctionUse f) {
            return new FunctionView(f.function().name(), f.state().name(), f.startDate());
        }
    }

    @Operation(summary = "Every organisation of the registry, by name",
            description = "Includes the organisations Kanta lists as using the archive, with their archive service start dates.")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<OrganisationView> list() {
        return registry.findAll().stream().map(OrganisationView::of).toList();
    }

    @Operation(summary = "One organisation of the registry")
    @ApiErrors({ErrorCode.ORGANISATION_NOT_FOUND, ErrorCode.INVALID_REQUEST})
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    OrganisationView one(@PathVariable long id) {
        if (id <= 0) {
            throw new ArchiveException(ErrorCode.ORGANISATION_NOT_FOUND, "No organisation " + id + " in the registry");
        }
        return registry.find(new OrganisationId(id)).map(OrganisationView::of).orElseThrow(() -> new ArchiveException(
                ErrorCode.ORGANISATION_NOT_FOUND, "No organisation " + id + " in the registry"));
    }
}

package fi.arkisto.store.controllerchange;

import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentMetadata;

import java.util.List;
import java.util.Objects;

/**
 * What a controller change moves (kanta.fi, "Controller changes": the old and the new controller agree the scope of
 * the change): the old controller's register as a whole, or the documents of some of its document groups
 * (1.2.246.537.6.1505.201601), service tasks (1.2.246.537.6.1221.201601) or service units. Each list left empty means
 * every value; lists given are combined with AND.
 *
 * @param oldController the register's controller, as the documents' custodian names it
 */
public record ControllerChangeScope(String oldController, List<String> documentGroups, List<String> serviceTasks,
                                    List<String> serviceUnits) {

    public ControllerChangeScope {
        Objects.requireNonNull(oldController, "oldController");
        documentGroups = documentGroups == null ? List.of() : List.copyOf(documentGroups);
        serviceTasks = serviceTasks == null ? List.of() : List.copyOf(serviceTasks);
        serviceUnits = serviceUnits == null ? List.of() : List.copyOf(serviceUnits);
    }

    /** The whole register of {@code controller}. */
    public static ControllerChangeScope wholeRegister(String controller) {
        return new ControllerChangeScope(controller, List.of(), List.of(), List.of());
    }

    public boolean wholeRegister() {
        return documentGroups.isEmpty() && serviceTasks.isEmpty() && serviceUnits.isEmpty();
    }

    /** Whether a document of this header falls into the scope (the same rule as the job's SQL selection). */
    public boolean covers(DocumentMetadata metadata) {
        return oldController.equals(metadata.controllerOid()) && coversHeader(metadata);
    }

    /** Whether the header's document group, service task and service unit fall into the scope, whoever the custodian. */
    public boolean coversHeader(DocumentMetadata metadata) {
        return matches(documentGroups, code(metadata.documentGroup()))
                && matches(serviceTasks, code(metadata.serviceTask()))
                && matches(serviceUnits, metadata.serviceUnitOid());
    }

    /** Whether the two scopes can hold a document in common. */
    public boolean overlaps(ControllerChangeScope other) {
        return oldController.equals(other.oldController) && meet(documentGroups, other.documentGroups)
                && meet(serviceTasks, other.serviceTasks) && meet(serviceUnits, other.serviceUnits);
    }

    public String describe() {
        StringBuilder text = new StringBuilder("register of ").append(oldController);
        if (!documentGroups.isEmpty()) {
            text.append(", document groups ").append(documentGroups);
        }
        if (!serviceTasks.isEmpty()) {
            text.append(", service tasks ").append(serviceTasks);
        }
        if (!serviceUnits.isEmpty()) {
            text.append(", service units ").append(serviceUnits);
        }
        return text.toString();
    }

    private static boolean matches(List<String> values, String value) {
        return values.isEmpty() || (value != null && values.contains(value));
    }

    private static boolean meet(List<String> a, List<String> b) {
        return a.isEmpty() || b.isEmpty() || a.stream().anyMatch(b::contains);
    }

    private static String code(Code code) {
        return code == null ? null : code.code();
    }
}

package fi.arkisto.store.controllerchange;

import java.util.List;

/**
 * What a controller change would move, counted without changing anything: per part of its scope (each service task,
 * service unit or document group the scope names, in that order of preference; the whole register when it names none)
 * and in total.
 *
 * @param parts the parts, each counted on its own (a document in two named parts is counted in both)
 * @param total the scope as a whole
 */
public record ControllerChangeImpact(List<Part> parts, Part total) {

    /**
     * @param part      what the part is, e.g. "service task 24" or "whole register"
     * @param documents document versions
     * @param clients   distinct clients
     * @param sets      distinct document sets
     * @param openCases distinct cases with a version that is not nullified nor replaced (the archive does not know
     *                  whether a case was closed in the client system; a case with a current document counts as open)
     * @param bytes     the versions' stored bytes
     */
    public record Part(String part, long documents, long clients, long sets, long openCases, long bytes) {
    }
}

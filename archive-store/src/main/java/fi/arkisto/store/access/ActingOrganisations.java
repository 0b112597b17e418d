package fi.arkisto.store.access;

import java.time.Instant;
import java.util.Optional;

/**
 * Which organisations may act for a register's controller, and on what basis: the answer the archive needs when a
 * document for one controller's register arrives signed with another organisation's system certificate (docs/trust.md,
 * "Signer's organisation"; Act 703/2023 and the Kanta register access right: an outsourced provider or a producer of
 * the organiser's documents records into the organiser's register). The controller always acts for itself.
 * <p>One interface for every source of such relations: configured producers ({@link ConfiguredProducers}), and the
 * providers the organiser's client relationship document of the client names ({@link RegisterAccessActing}).
 */
public interface ActingOrganisations {

    /**
     * @param organisation the organisation that acted (signed)
     * @param controller   the controller of the register the document is for
     * @param at           when it acted (the signing time)
     * @return the basis on which {@code organisation} acts for {@code controller}, or empty when it does not
     */
    Optional<ActingRelation> relation(String organisation, String controller, Instant at);

    /**
     * {@link #relation(String, String, Instant)} for a document of {@code client}, whose facts may name more who act
     * for the controller (a provider of the organiser); by default the client does not matter.
     *
     * @param client the document's client, or null when not known
     */
    default Optional<ActingRelation> relation(String organisation, String controller, String client, Instant at) {
        return relation(organisation, controller, at);
    }
}

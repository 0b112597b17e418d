package fi.arkisto.store.access;

import fi.arkisto.store.access.facts.ClientFacts;

/**
 * Where the access decision's facts about a client come from (docs/access.md, "A client's facts"): the archiving and
 * reading services ask through this, so they need not know how the facts are gathered.
 */
@FunctionalInterface
public interface ClientFactsSource {

    /**
     * The client's facts, gathered once per request.
     *
     * @throws fi.arkisto.store.error.ArchiveException CLIENT_FACTS_UNREADABLE when a fact cannot be read (a decision
     *                                                 without it could miss a non-disclosure or an ended period)
     */
    ClientFacts facts(String clientId);
}

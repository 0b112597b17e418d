package fi.arkisto.store.accesslog;

/**
 * What the citizen's own log extract shows beyond the organisations' uses and disclosures (docs/access.md, "The
 * citizen's access log"). MyKanta shows the citizen where their data has been handled; the log data naming who
 * handled it is asked from the controller (kanta.fi, "What information about me has been entered?"; Act 703/2023
 * s. 11). So by default neither is on; an operator whose controllers decide otherwise may turn them on.
 *
 * @param professionalsNamed whether an entry names the professional (the user id the client system gave)
 * @param ownUseListed       whether the citizen's own reads through the citizen API are listed (never another
 *                           person's)
 */
public record CitizenLogPolicy(boolean professionalsNamed, boolean ownUseListed) {
}

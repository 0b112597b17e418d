/**
 * The one shape of every error answer (RFC 9457 problem details with the stable {@code code}, docs/running.md, "The API"): the
 * security filters answer in it before any controller is reached, and the API's problem handler after; both build
 * on this package, so the filters need nothing of the API behind them.
 */
package fi.arkisto.app.problem;

/**
 * Who is acting and why ({@link fi.arkisto.store.actor.RequestContext}): every read and write is decided by the
 * access rules and recorded in the audit trail against one actor, so the actor sits below both and neither the audit
 * trail nor the archive depends on the access decision for it (docs/access.md, "One decision").
 */
package fi.arkisto.store.actor;

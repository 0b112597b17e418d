/**
 * The records the access decision's client and organisation facts come from, besides archived documents: the
 * client's informing, consents and denials of disclosure ({@link fi.arkisto.store.accessrecords.SharingRecordService}),
 * register access agreements between organisers and providers
 * ({@link fi.arkisto.store.accessrecords.RegisterAccessAgreementService}), and the assembly of one client's facts from
 * them and the client's archived client relationship documents
 * ({@link fi.arkisto.store.accessrecords.ClientFactsService}). Every record is append-only: a withdrawal or an end is
 * the one stamp a record ever gains (docs/access.md, "Records of informing, consent and denial" and "Register access
 * agreements").
 */
package fi.arkisto.store.accessrecords;
